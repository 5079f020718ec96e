namespace MemScript.Runtime.Mm;

/// <summary>
/// Memory pressure as the process layer sees it (MODEL.md section 6): the
/// watermarks, kswapd's work, drop_caches. The allocation side (watermark
/// checks, direct reclaim, the OOM killer) is in Kernel.Alloc.cs.
/// Contract for the process layer:
/// <list type="bullet">
/// <item><see cref="KswapdWantedOn"/>: set when an allocation left a node's free
/// memory below its low watermark; that node's kswapd task runs while it is true
/// (Kernel.Kswapd.cs).</item>
/// <item><see cref="KswapdReclaimBatch(int)"/>: one batch (32 pages, SWAP_CLUSTER_MAX)
/// of background reclaim on the node; clears its wanted flag once one zone of
/// the node it balances is above its high watermark plus lowmem_reserve
/// (pgdat_balanced), or when a batch made no progress. After 16
/// runs in a row without progress (kswapd_failures) the node is hopeless:
/// allocations stop waking its kswapd until some reclaim frees a page of it again.</item>
/// <item><see cref="RecomputeWatermarks"/> after <c>sysctl vm.min_free_kbytes</c>.</item>
/// <item><see cref="DropCaches"/>: echo 1 &gt; /proc/sys/vm/drop_caches.</item>
/// </list>
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>The zone watermarks in pages (all 0 with <c>watermarks off</c>).</summary>
    public (long Min, long Low, long High) WatermarkPages => _watermarks;

    /// <summary>Derives the watermarks again from the machine settings (after a sysctl).</summary>
    public void RecomputeWatermarks() => SetUpZones();

    /// <summary>Drops every clean page-cache page no process maps; returns the pages freed.</summary>
    public long DropCaches()
    {
        long dropped = 0;
        foreach (var obj in _objects)
        {
            if (obj.Kind != MapKind.File)
            {
                continue;
            }

            for (var p = 0L; p < obj.PageCount; p++)
            {
                var pfn = obj.Pages[p] - 1;
                if (pfn < 0)
                {
                    obj.Pages[p] = 0;
                    continue;
                }

                ref var frame = ref _frames[pfn];
                if (frame.MapCount == 0 && (frame.Flags & FrameFlags.Dirty) == 0)
                {
                    obj.Pages[p] = 0;
                    obj.CachedPages--;
                    _frames.Free(pfn);
                    dropped++;
                }
            }
        }

        return dropped;
    }
}
