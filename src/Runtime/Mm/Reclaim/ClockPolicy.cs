namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>Textbook clock replacement (to be written).</summary>
internal sealed class ClockPolicy(FrameTable frames) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;

    public string Name => "clock";

    public bool TracksAccesses => throw new NotImplementedException();

    public void Added(int pfn) => throw new NotImplementedException();

    public void Removed(int pfn) => throw new NotImplementedException();

    public void Accessed(int pfn) => throw new NotImplementedException();

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => throw new NotImplementedException();
}
