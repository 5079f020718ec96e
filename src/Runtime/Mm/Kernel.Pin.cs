namespace MemScript.Runtime.Mm;

/// <summary>
/// Memory the kernel takes for itself while the system runs (the <c>pressure</c>
/// event of an <c>at</c> block): frames taken from the free list as kernel
/// frames, as the <c>kernel</c> setting reserves them at boot, so MemFree and
/// free show them as used and frame conservation counts them as kernel.
/// Unpinning gives back the most recently pinned frames first.
/// Added to the contract: <see cref="PinKernelPages"/>, <see cref="UnpinKernelPages"/>,
/// <see cref="PinnedPages"/>.
/// </summary>
internal sealed partial class Kernel
{
    private readonly Stack<int> _pinned = new();

    /// <summary>Frames pinned by <see cref="PinKernelPages"/> and not yet given back.</summary>
    public long PinnedPages => _pinned.Count;

    /// <summary>
    /// Takes <paramref name="pages"/> frames as kernel memory, reclaiming and
    /// calling the OOM killer as an allocation does. Throws
    /// <see cref="OutOfMemoryPanicException"/> when they cannot be had (nothing is taken then).
    /// The reclaim cost is left in <see cref="LastSyscallCostNs"/>.
    /// </summary>
    public void PinKernelPages(long pages)
    {
        long cost = 0;
        Reserve(-1, pages, ref cost, gfp: Mm.Zones.GfpZone.Kernel);
        LastSyscallCostNs = cost;

        for (var i = 0L; i < pages; i++)
        {
            _pinned.Push(_frames.Allocate(FrameKind.Kernel, owner: -1, index: 0));
        }
    }

    /// <summary>Gives back up to <paramref name="pages"/> pinned frames; returns how many were given back.</summary>
    public long UnpinKernelPages(long pages)
    {
        var given = 0L;
        while (given < pages && _pinned.Count > 0)
        {
            _frames.Free(_pinned.Pop());
            given++;
        }

        return given;
    }
}
