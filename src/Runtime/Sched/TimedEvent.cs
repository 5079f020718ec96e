namespace MemScript.Runtime.Sched;

/// <summary>An <c>at</c> block waiting for its time; <see cref="Sequence"/> keeps declaration order among equal times.</summary>
internal sealed record TimedEvent(long TimeNs, long Sequence, Action Fire);
