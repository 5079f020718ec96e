namespace MemScript.Runtime.Sched;

/// <summary>What the scheduler needs of a task: identity, state, and a way to run it for a slice.</summary>
internal interface ISchedTask
{
    int Pid { get; }

    long StartNs { get; }

    TaskRunState RunState { get; }

    /// <summary>When a <see cref="TaskRunState.Sleeping"/> task wakes.</summary>
    long WakeAtNs { get; }

    /// <summary>NotStarted to Runnable, at its start time.</summary>
    void Start();

    /// <summary>Sleeping to Runnable.</summary>
    void Wake();

    /// <summary>Runs until the clock reaches <paramref name="sliceEndNs"/> or the task sleeps, ends or dies.</summary>
    void RunSlice(long sliceEndNs);
}
