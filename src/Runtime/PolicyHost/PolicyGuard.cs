using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// The bounded execution of a policy file. The compiler rewrites each policy
/// so that every method entry that may recurse calls <see cref="Enter(int)"/>
/// (and <see cref="Exit()"/> in a finally), every loop entry calls
/// <see cref="Step(int)"/> and charges its iterations in batches
/// (<see cref="Charge(int, int)"/>), and a backward goto calls
/// <see cref="Step(int)"/>, each with the site's number. Each call from the
/// kernel into the policy starts with a fresh budget (<see cref="Arm"/>):
/// <see cref="StepBudget"/> steps and <see cref="MaxDepth"/> nested calls.
/// Past either the guard throws and stays tripped (a policy that catches the
/// exception trips again at its next step, and the kernel sees
/// <see cref="PolicyGuardState"/>'s trip when the call returns).
/// <para>
/// The budget lives in a <see cref="PolicyGuardState"/>, one per policy
/// instance the host creates (one per run). Instance members of the policy's
/// classes that implement the policy interfaces pass it explicitly (the
/// overloads taking a state, read from the hidden field the rewriter adds):
/// no thread-static access on the hot path. All other code (static members,
/// helper classes, constructors, initializers) uses the thread's current
/// state, which the host sets while it constructs the policy and, when the
/// compiler found such code reachable from the kernel's calls
/// (<see cref="PolicyFile.ThreadGuard"/>), at every call. Steps are counted,
/// not time, so the same input stops at the same point.
/// </para>
/// Not for policy authors: the analyzers refuse any use of this namespace.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PolicyGuard
{
    /// <summary>Steps (loop iterations and calls) one call from the kernel may take.</summary>
    public const long StepBudget = 1L << 24;

    /// <summary>Nested policy calls (recursion depth) allowed.</summary>
    public const int MaxDepth = 512;

    /// <summary>Iterations a loop counts locally before it charges them.</summary>
    public const int LoopBatch = 64;

    [ThreadStatic] private static PolicyGuardState? t_current;

    /// <summary>The guard of the call under way on this thread (set by <see cref="Arm"/>).</summary>
    private static PolicyGuardState Current => t_current ?? throw new InvalidOperationException("policy code ran outside a call from the kernel");

    /// <summary>
    /// The value of the hidden guard field of a policy class: the state of
    /// the call under way (the host's construction, or a call that may
    /// construct policy objects, which the compiler makes set the thread's state).
    /// </summary>
    public static PolicyGuardState Adopt() => Current;

    /// <summary>Counts one step at a loop's entry.</summary>
    public static void Step(int site) => Step(Current, site);

    /// <summary>Counts one step at a loop's entry, charged to <paramref name="guard"/>.</summary>
    public static void Step(PolicyGuardState guard, int site)
    {
        if (--guard.Steps < 0)
            Trip(guard, PolicyStopKind.Budget, site);
    }

    /// <summary>
    /// Charges <paramref name="steps"/> loop iterations at once: a loop counts
    /// its iterations in a local and charges them every
    /// <see cref="LoopBatch"/> (the guard is not touched on each iteration).
    /// </summary>
    public static void Charge(int site, int steps) => Charge(Current, site, steps);

    /// <summary>Charges <paramref name="steps"/> loop iterations to <paramref name="guard"/>.</summary>
    public static void Charge(PolicyGuardState guard, int site, int steps)
    {
        guard.Steps -= steps;
        if (guard.Steps < 0)
            Trip(guard, PolicyStopKind.Budget, site);
    }

    /// <summary>Counts one step and one level of depth at a method's entry.</summary>
    public static void Enter(int site) => Enter(Current, site);

    /// <summary>Counts one step and one level of depth at a method's entry, charged to <paramref name="guard"/>.</summary>
    public static void Enter(PolicyGuardState guard, int site)
    {
        if (--guard.Steps < 0)
            Trip(guard, PolicyStopKind.Budget, site);
        if (++guard.Depth > MaxDepth)
            Trip(guard, PolicyStopKind.Depth, site);
    }

    /// <summary>Enters an instance field's initializer (<see cref="Enter(int)"/>); the value for <see cref="Nested"/>.</summary>
    public static int Nest(int site)
    {
        Enter(site);
        return 0;
    }

    /// <summary>Leaves an instance field's initializer with its value (the arguments run in order: Nest, then the value).</summary>
    public static T Nested<T>(int entered, T value)
    {
        Current.Depth--;
        return value;
    }

    /// <summary>Leaves a method (from its finally).</summary>
    public static void Exit() => Current.Depth--;

    /// <summary>Leaves a method (from its finally), on <paramref name="guard"/>.</summary>
    public static void Exit(PolicyGuardState guard) => guard.Depth--;

    /// <summary>
    /// A fresh budget in <paramref name="guard"/> for one call from the
    /// kernel; with <paramref name="thread"/>, also the thread's current guard
    /// (one thread-static store), for code that does not reach it through a
    /// policy object.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Arm(PolicyGuardState guard, bool thread)
    {
        guard.Arm();
        if (thread)
            t_current = guard;
    }

    /// <summary>Makes <paramref name="guard"/> the thread's current one (null: none); the previous one.</summary>
    internal static PolicyGuardState? SetCurrent(PolicyGuardState? guard)
    {
        var previous = t_current;
        t_current = guard;
        return previous;
    }

    private static void Trip(PolicyGuardState guard, PolicyStopKind kind, int site)
    {
        if (guard.Tripped == PolicyStopKind.None)
        {
            guard.Tripped = kind;
            guard.Site = site;
        }

        guard.Steps = -1;
        throw new PolicyBudgetException(kind);
    }
}

/// <summary>Why a policy call was stopped by its guard.</summary>
internal enum PolicyStopKind { None, Budget, Depth }

/// <summary>Thrown into a policy that ran out of steps or depth; the kernel turns it into a MEMS41nn stop.</summary>
internal sealed class PolicyBudgetException(PolicyStopKind kind) : Exception(kind.ToString())
{
    public PolicyStopKind Kind { get; } = kind;
}
