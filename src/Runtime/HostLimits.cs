namespace MemScript.Runtime;

/// <summary>
/// What one simulation may take of the host: at most
/// <see cref="MaxHeapBytes"/> of managed heap (default: half of the memory
/// the GC may use on this host) and, when set, at most
/// <see cref="MaxWallTime"/> of wall-clock time (default: no limit). A run
/// that passes either stops as at the work limit: its report up to that
/// point, outcome <c>work_limit</c>, exit 1, never an out-of-memory. The
/// checks read the heap size and the wall clock only every few thousand
/// statements and slow-path events, so they cost nothing on the hot path,
/// and they change no figure of a run that stays within them.
/// </summary>
public sealed record HostLimits(long MaxHeapBytes, TimeSpan? MaxWallTime)
{
    /// <summary>Half of what the GC may use here, no wall-time limit.</summary>
    public static HostLimits Default { get; } = new(DefaultHeapBytes(), null);

    private static long DefaultHeapBytes()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available / 2 : 4L << 30;
    }
}
