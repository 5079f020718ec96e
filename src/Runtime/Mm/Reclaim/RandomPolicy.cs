namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>Textbook random replacement with the machine's seed (to be written).</summary>
internal sealed class RandomPolicy(FrameTable frames, long seed) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private readonly long _seed = seed;

    public string Name => "random";

    public bool TracksAccesses => throw new NotImplementedException();

    public void Added(int pfn) => throw new NotImplementedException();

    public void Removed(int pfn) => throw new NotImplementedException();

    public void Accessed(int pfn) => throw new NotImplementedException();

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => throw new NotImplementedException();
}
