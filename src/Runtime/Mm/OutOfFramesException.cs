namespace MemScript.Runtime.Mm;

/// <summary>
/// Thrown by the frame allocator when RAM has no free frame. The kernel
/// reserves frames (reclaiming, swapping, calling the OOM killer) before any
/// operation allocates, so this is a MemScript bug: the simulator reports it
/// as <see cref="RunOutcome.InternalError"/>. Never escapes the runtime.
/// </summary>
internal sealed class OutOfFramesException(string message) : Exception(message);
