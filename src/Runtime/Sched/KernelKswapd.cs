using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The kernel as node <paramref name="node"/>'s kswapd sees it: <see cref="IKswapdKernel"/>
/// over <see cref="Kernel"/>'s per-node kswapd surface (Kernel.Kswapd.cs): its wanted flag,
/// its batches, the node's free pages and watermarks (the machine's on one node).
/// </summary>
internal sealed class KernelKswapd(Kernel kernel, int node = 0) : IKswapdKernel
{
    public bool Wanted => kernel.KswapdWantedOn(node);

    public KswapdBatch ReclaimBatch() => kernel.KswapdReclaimBatch(node);

    public long FreePages => kernel.NodeFreePages(node);

    public (long Min, long Low, long High) Watermarks => kernel.KswapdMarks(node);

    public bool Balanced => kernel.KswapdBalancedNow(node);

    public (string Zone, long Free, long High, long Reserve)? BalancedZone => kernel.KswapdBalancedZone(node);

    public ulong PageSize => kernel.Machine.PageSize;
}
