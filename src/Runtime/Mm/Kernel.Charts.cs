namespace MemScript.Runtime.Mm;

/// <summary>
/// What the report's charts and frame tables read from the kernel, cheaply:
/// an mm's RSS counters (the ones /proc/PID/status adds up, read without
/// walking its VMAs), free frames, and which virtual page of an mm a frame
/// of RAM holds. Read at statement and event boundaries, never per access,
/// except the few-frame textbook table (<see cref="FrameVirtualAddress"/>).
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>RssAnon, RssFile, RssShmem and swap entries of <paramref name="mm"/>, in pages.</summary>
    public (long Anon, long File, long Shmem, long Swap) RssPages(int mm)
    {
        var m = _mms[mm];
        return (m.RssAnon, m.RssFile, m.RssShmem, m.SwapEnts);
    }

    /// <summary>Free frames now.</summary>
    public long FreeFrames => _frames.FreeFrames;

    /// <summary>The first frame a process can get (frames below are the kernel's).</summary>
    public long FirstUserFrame => _frames.KernelFrames;

    /// <summary>Frames of RAM.</summary>
    public long TotalFrames => _frames.TotalFrames;

    /// <summary>The virtual address of the anonymous page of <paramref name="mm"/> frame <paramref name="pfn"/> holds, or null.</summary>
    public ulong? FrameVirtualAddress(int mm, int pfn)
    {
        if (!_frames.Materialized(pfn))
            return null;
        ref var f = ref _frames[pfn];
        return f.Kind == FrameKind.Anon && f.Owner == mm ? (ulong)f.Index << _pageShift : null;
    }
}
