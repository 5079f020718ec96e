using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>The kernel as kswapd sees it: <see cref="IKswapdKernel"/> over <see cref="Kernel"/>'s pressure surface.</summary>
internal sealed class KernelKswapd(Kernel kernel) : IKswapdKernel
{
    public bool Wanted => kernel.KswapdWanted;

    public KswapdBatch ReclaimBatch() => kernel.KswapdReclaimBatch();

    public long FreePages => kernel.Meminfo(MeminfoField.MemFree) / (long)kernel.Machine.PageSize;

    public (long Min, long Low, long High) Watermarks => kernel.KswapdMarks;

    public bool Balanced => kernel.KswapdBalancedNow;

    public (string Zone, long Free, long High, long Reserve)? BalancedZone => kernel.KswapdBalancedZone();

    public ulong PageSize => kernel.Machine.PageSize;
}
