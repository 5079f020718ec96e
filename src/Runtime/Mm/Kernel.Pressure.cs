namespace MemScript.Runtime.Mm;

/// <summary>
/// Memory pressure as the process layer sees it (MODEL.md section 6): the
/// watermarks, kswapd's work, drop_caches. The allocation side (watermark
/// checks, direct reclaim, the OOM killer) is inside the kernel.
/// Contract for the process layer:
/// <list type="bullet">
/// <item><see cref="KswapdWanted"/>: set when an allocation left free memory
/// below the low watermark; the kswapd task runs while it is true.</item>
/// <item><see cref="KswapdReclaimBatch"/>: one batch (32 pages, SWAP_CLUSTER_MAX)
/// of background reclaim; clears <see cref="KswapdWanted"/> once free memory
/// reaches the high watermark, or when a batch made no progress.</item>
/// <item><see cref="RecomputeWatermarks"/> after <c>sysctl vm.min_free_kbytes</c>.</item>
/// <item><see cref="DropCaches"/>: echo 1 &gt; /proc/sys/vm/drop_caches.</item>
/// </list>
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>The zone watermarks in pages (all 0 with <c>watermarks off</c>).</summary>
    public (long Min, long Low, long High) WatermarkPages => throw new NotImplementedException();

    /// <summary>True while kswapd has work: free memory fell below low and has not reached high.</summary>
    public bool KswapdWanted => throw new NotImplementedException();

    /// <summary>One batch of background reclaim (pgscan_kswapd, pgsteal_kswapd); the cost is kswapd's CPU time.</summary>
    public KswapdBatch KswapdReclaimBatch() => throw new NotImplementedException();

    /// <summary>Derives the watermarks again from the machine settings (after a sysctl).</summary>
    public void RecomputeWatermarks() => throw new NotImplementedException();

    /// <summary>Drops every clean page-cache page no process maps; returns the pages freed.</summary>
    public long DropCaches() => throw new NotImplementedException();
}
