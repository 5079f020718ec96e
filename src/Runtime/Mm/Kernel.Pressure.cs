namespace MemScript.Runtime.Mm;

/// <summary>
/// Memory pressure as the process layer sees it (MODEL.md section 6): the
/// watermarks, kswapd's work, drop_caches. The allocation side (watermark
/// checks, direct reclaim, the OOM killer) is in Kernel.Alloc.cs.
/// Contract for the process layer:
/// <list type="bullet">
/// <item><see cref="KswapdWanted"/>: set when an allocation left free memory
/// below the low watermark; the kswapd task runs while it is true.</item>
/// <item><see cref="KswapdReclaimBatch"/>: one batch (32 pages, SWAP_CLUSTER_MAX)
/// of background reclaim; clears <see cref="KswapdWanted"/> once free memory
/// reaches the high watermark, or when a batch made no progress. After 16
/// runs in a row without progress (kswapd_failures) the node is hopeless:
/// allocations stop waking kswapd until some reclaim frees a page again.</item>
/// <item><see cref="RecomputeWatermarks"/> after <c>sysctl vm.min_free_kbytes</c>.</item>
/// <item><see cref="DropCaches"/>: echo 1 &gt; /proc/sys/vm/drop_caches.</item>
/// </list>
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>The zone watermarks in pages (all 0 with <c>watermarks off</c>).</summary>
    public (long Min, long Low, long High) WatermarkPages => _watermarks;

    /// <summary>True while kswapd has work: free memory fell below low and has not reached high.</summary>
    public bool KswapdWanted => _kswapdWanted && Machine.Watermarks != WatermarkMode.Off;

    /// <summary>One batch of background reclaim (pgscan_kswapd, pgsteal_kswapd); the cost is kswapd's CPU time.</summary>
    public KswapdBatch KswapdReclaimBatch()
    {
        long cost = 0;
        _frames.ReclaimActive = true;   // balance_pgdat's set_reclaim_active: the per-CPU lists keep at most 4 batches
        var tally = _frames.FreeFrames >= _watermarks.High
            ? default
            : ReclaimPass(SwapClusterMax, VmCounter.pgscan_kswapd, VmCounter.pgsteal_kswapd, ref cost);
        if (tally.Reclaimed > 0)
        {
            _kswapdFailures = 0;
        }
        else if (_frames.FreeFrames < _watermarks.High)
        {
            _kswapdFailures++;
        }

        if (_frames.FreeFrames >= _watermarks.High || tally.Reclaimed == 0)
        {
            _kswapdWanted = false;
            _frames.ReclaimActive = false;
        }

        return new KswapdBatch(tally.Reclaimed, tally.Scanned, cost);
    }

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
