namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Textbook random replacement (MODEL.md section 6): a uniformly chosen
/// resident page goes, drawn from SplitMix64 seeded with the machine's
/// <c>reclaim seed</c>, so a run is repeatable.
/// <code>
/// resident: dense array of frames; slot[p] = p's index in it
/// Added(p):   resident.append(p)
/// Removed(p): move the last frame into p's slot (O(1))
/// Reclaim(n): while freed &lt; n:
///                 i = rng.below(resident.count)
///                 probe resident[i], resident[i+1], ... (wrapping) for the
///                 first page that can go; evict it; none -> stop
/// </code>
/// When every page can go the choice is exactly uniform; pages that cannot go
/// (anon with no swap) pass their turn to the next slot.
/// </summary>
internal sealed class RandomPolicy(FrameTable frames, long seed) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private SplitMix64 _random = new(seed);
    private int[] _resident = [];
    private int[] _slot = [];
    private int _count;

    public string Name => "random";

    public bool TracksAccesses => false;

    /// <summary>The frames the policy watches (the machine's frame table).</summary>
    public FrameTable Frames => _frames;

    public void Added(int pfn)
    {
        PfnArrays.Cover(ref _slot, pfn, -1);
        PfnArrays.Cover(ref _resident, _count, -1);
        _slot[pfn] = _count;
        _resident[_count++] = pfn;
    }

    public void Removed(int pfn)
    {
        if ((uint)pfn >= (uint)_slot.Length || _slot[pfn] < 0)
        {
            return;
        }

        var slot = _slot[pfn];
        var last = _resident[--_count];
        _resident[slot] = last;
        _slot[last] = slot;
        _slot[pfn] = -1;
    }

    public void Accessed(int pfn)
    {
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        int reclaimed = 0, scanned = 0;
        while (reclaimed < nrToReclaim && _count > 0)
        {
            var start = _random.NextBelow(_count);
            var freed = false;
            for (var probe = 0; probe < _count && !freed; probe++)
            {
                var pfn = _resident[(start + probe) % _count];
                scanned++;
                if (context.CanEvict(pfn) && context.Evict(pfn))
                {
                    Removed(pfn);
                    freed = true;
                }
            }

            if (!freed)
            {
                break;
            }

            reclaimed++;
        }

        return new ReclaimTally(reclaimed, scanned);
    }
}
