using System.ComponentModel;

namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// The bounded execution of a policy file. The compiler rewrites each policy
/// so that every method entry calls <see cref="Enter"/> (and <see cref="Exit"/>
/// in a finally), every loop entry calls <see cref="Step"/> and charges its
/// iterations in batches (<see cref="Charge"/>), and a backward goto calls
/// <see cref="Step"/>, each with the site's number. Each call from the kernel into the policy starts with a
/// fresh budget (<see cref="Arm"/>): <see cref="StepBudget"/> steps and
/// <see cref="MaxDepth"/> nested calls. Past either the guard throws and stays
/// tripped (a policy that catches the exception trips again at its next step,
/// and the kernel sees <see cref="Tripped"/> when the call returns). The
/// counters are per thread, so runs on several threads do not share them;
/// they count steps, not time, so the same input stops at the same point.
/// Not for policy authors: the analyzers refuse any use of this namespace.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PolicyGuard
{
    /// <summary>Steps (loop iterations and calls) one call from the kernel may take.</summary>
    public const long StepBudget = 1L << 24;

    /// <summary>Nested policy calls (recursion depth) allowed.</summary>
    public const int MaxDepth = 512;

    [ThreadStatic] private static State t_state;

    /// <summary>Counts one step at a loop back-edge.</summary>
    public static void Step(int site)
    {
        if (--t_state.Steps < 0)
            Trip(PolicyStopKind.Budget, site);
    }

    /// <summary>
    /// Charges <paramref name="steps"/> loop iterations at once: a loop counts
    /// its iterations in a local and charges them every
    /// <see cref="LoopBatch"/> (the thread-static counter is not touched on
    /// each iteration).
    /// </summary>
    public static void Charge(int site, int steps)
    {
        ref var state = ref t_state;
        state.Steps -= steps;
        if (state.Steps < 0)
            Trip(PolicyStopKind.Budget, site);
    }

    /// <summary>Iterations a loop counts locally before it charges them.</summary>
    public const int LoopBatch = 64;

    /// <summary>Counts one step and one level of depth at a method's entry.</summary>
    public static void Enter(int site)
    {
        ref var state = ref t_state;
        if (--state.Steps < 0)
            Trip(PolicyStopKind.Budget, site);
        if (++state.Depth > MaxDepth)
            Trip(PolicyStopKind.Depth, site);
    }

    /// <summary>Enters an instance field's initializer (<see cref="Enter"/>); the value for <see cref="Nested"/>.</summary>
    public static int Nest(int site)
    {
        Enter(site);
        return 0;
    }

    /// <summary>Leaves an instance field's initializer with its value (the arguments run in order: Nest, then the value).</summary>
    public static T Nested<T>(int entered, T value)
    {
        t_state.Depth--;
        return value;
    }

    /// <summary>Leaves a method (from its finally).</summary>
    public static void Exit() => t_state.Depth--;

    /// <summary>A fresh budget for one call from the kernel (one thread-static address, three stores).</summary>
    internal static void Arm()
    {
        ref var state = ref t_state;
        state.Steps = StepBudget;
        state.Depth = 0;
        state.Tripped = PolicyStopKind.None;
    }

    /// <summary>Whether the last armed call tripped (one thread-static read: the kernel checks it after every guarded call).</summary>
    internal static bool HasTripped => t_state.Tripped != PolicyStopKind.None;

    /// <summary>How the last armed call tripped, and where (None: it did not).</summary>
    internal static (PolicyStopKind Kind, int Site) Tripped => (t_state.Tripped, t_state.Site);

    private static void Trip(PolicyStopKind kind, int site)
    {
        ref var state = ref t_state;
        if (state.Tripped == PolicyStopKind.None)
        {
            state.Tripped = kind;
            state.Site = site;
        }

        state.Steps = -1;
        throw new PolicyBudgetException(kind);
    }

    /// <summary>One thread's guard: steps left, depth, and how and where it tripped.</summary>
    private struct State
    {
        public long Steps;
        public int Depth;
        public PolicyStopKind Tripped;
        public int Site;
    }
}

/// <summary>Why a policy call was stopped by its guard.</summary>
internal enum PolicyStopKind { None, Budget, Depth }

/// <summary>Thrown into a policy that ran out of steps or depth; the kernel turns it into a MEMS41nn stop.</summary>
internal sealed class PolicyBudgetException(PolicyStopKind kind) : Exception(kind.ToString())
{
    public PolicyStopKind Kind { get; } = kind;
}
