namespace MemScript.Runtime.Sched;

/// <summary>
/// A task whose slice may leave no trace (khugepaged's pass that found
/// nothing to do and took no time): the scheduler then does not count it as
/// the previous runner, so the task it interrupted goes on in the same slice
/// as far as the report's "ran in N slices" is concerned.
/// </summary>
internal interface IQuietTask
{
    /// <summary>The last slice changed nothing and took no time.</summary>
    bool LastSliceQuiet { get; }
}
