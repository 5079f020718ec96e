namespace MemScript.Runtime.Mm;

/// <summary>
/// Thrown by the frame allocator when RAM has no free frame. Caught by the
/// simulator, which ends the run with <see cref="RunOutcome.KernelPanic"/>
/// until reclaim, swap and the OOM killer are modelled. Never escapes the runtime.
/// </summary>
internal sealed class OutOfFramesException(string message) : Exception(message);
