namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>The two-list LRU of mm/vmscan.c (to be written).</summary>
internal sealed class LinuxPolicy : IReclaimPolicy
{
    public string Name => "linux";

    public bool TracksAccesses => false;

    public void Added(int pfn)
    {
    }

    public void Removed(int pfn)
    {
    }

    public void Accessed(int pfn)
    {
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => throw new NotImplementedException();
}
