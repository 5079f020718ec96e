namespace MemScript.Runtime;

/// <summary>
/// What a process body yields to the scheduler after each statement.
/// <see cref="Next"/> says "this statement is done": the scheduler checks the
/// quantum, pending events and whether the process is still alive. Other ops
/// (accesses, sleep) are run by the scheduler itself and may be cut between
/// two page accesses when the quantum runs out.
/// </summary>
public abstract class Op
{
    public static readonly Op Next = new NextOp();

    private sealed class NextOp : Op { }
}
