namespace MemScript.Runtime.Mm;

/// <summary>
/// No frame is free, nothing can be reclaimed and the OOM killer found no
/// victim: the kernel panics ("System is deadlocked on memory"). The
/// simulator ends the run with <see cref="RunOutcome.KernelPanic"/> and the
/// report says so; it never reaches the user as an exception.
/// </summary>
internal sealed class OutOfMemoryPanicException(string message) : Exception(message);
