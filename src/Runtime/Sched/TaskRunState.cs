namespace MemScript.Runtime.Sched;

/// <summary>Where a task stands for the scheduler (not the report's <see cref="ProcessState"/>).</summary>
internal enum TaskRunState
{
    /// <summary>Declared with a later <c>start</c>.</summary>
    NotStarted,
    Runnable,
    Sleeping,
    /// <summary>Reached the end of its body: alive, holding memory, never runnable again.</summary>
    Idle,
    /// <summary>Exited or killed.</summary>
    Dead,
}
