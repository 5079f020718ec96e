namespace MemScript.Runtime.Sched;

/// <summary>
/// Who recorded a timeline event or an expectation: a process (its report
/// label is made at the end of the run) or, with no process, a fixed label
/// (<c>at</c>, <c>end</c>).
/// </summary>
internal readonly record struct Actor(ProcessTask? Task, string Label);
