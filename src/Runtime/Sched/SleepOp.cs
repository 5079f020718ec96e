namespace MemScript.Runtime.Sched;

/// <summary><c>sleep</c>: the task leaves the CPU until the clock has moved on by <see cref="Nanoseconds"/>.</summary>
internal sealed class SleepOp(long nanoseconds) : Op
{
    public long Nanoseconds => nanoseconds;
}
