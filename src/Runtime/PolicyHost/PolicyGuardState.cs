using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// One run's guard for one policy file: steps left in the call under way,
/// nesting depth, and how and where the call tripped. The host makes one per
/// policy instance it creates (per run: runs of the same file on several
/// threads never share one) and arms it before each call from the kernel. The
/// policy's classes that implement the policy interfaces reach it through a
/// hidden field the bounded-execution rewriter adds (set by its initializer
/// from <see cref="PolicyGuard.Adopt"/>), so their methods charge it through
/// <c>this</c>; other code reaches it through the thread's current guard
/// (<see cref="PolicyGuard"/>). Not for policy authors.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PolicyGuardState
{
    internal long Steps;
    internal int Depth;
    internal PolicyStopKind Tripped;
    internal int Site;

    /// <summary>A fresh budget for one call from the kernel (three stores).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Arm()
    {
        Steps = PolicyGuard.StepBudget;
        Depth = 0;
        Tripped = PolicyStopKind.None;
    }
}
