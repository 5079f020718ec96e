namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>Belady's optimal replacement, from a recorded first pass (to be written).</summary>
internal sealed class OptPolicy(FrameTable frames, PageTrace? future) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private readonly PageTrace? _future = future;

    public string Name => "opt";

    /// <summary>The recording pass's trace (null in the replay pass).</summary>
    public PageTrace? Recorded => throw new NotImplementedException();

    public bool TracksAccesses => throw new NotImplementedException();

    public void Added(int pfn) => throw new NotImplementedException();

    public void Removed(int pfn) => throw new NotImplementedException();

    public void Accessed(int pfn) => throw new NotImplementedException();

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => throw new NotImplementedException();
}
