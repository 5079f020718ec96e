namespace MemScript.Runtime.Sched;

/// <summary>The run exceeded the simulator's work budget (<see cref="SimClock"/>); caught by the simulator, never escapes.</summary>
internal sealed class WorkLimitExceededException(string message) : Exception(message);
