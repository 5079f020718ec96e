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
/// pass their turn to the next slot. A swap-backed page that cannot go for
/// want of swap is parked instead (moved to the front of the array, out of
/// the draw) and the draw is made again; parked pages rejoin the draw when
/// swap can take a page, so each is looked at once per spell without swap.
/// </summary>
internal sealed class RandomPolicy(FrameTable frames, long seed) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private SplitMix64 _random = new(seed);
    private int[] _resident = [];
    private int[] _slot = [];
    private int _count;
    private int _parked;   // resident[0 .. _parked) are parked: out of the draw until swap can take them

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
        if (slot < _parked)
        {
            Place(_resident[--_parked], slot);   // the last parked page fills the hole,
            slot = _parked;                      // and the hole moves to the first drawn slot
        }

        Place(_resident[--_count], slot);
        _slot[pfn] = -1;
    }

    public void Accessed(int pfn)
    {
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        if (context.CanSwap)
        {
            _parked = 0;
        }

        int reclaimed = 0, scanned = 0;
        while (reclaimed < nrToReclaim && _count > _parked)
        {
            var drawn = _count - _parked;
            var start = _random.NextBelow(drawn);
            bool freed = false, parked = false;
            for (var probe = 0; probe < drawn && !freed && !parked; probe++)
            {
                var slot = _parked + ((start + probe) % drawn);
                var pfn = _resident[slot];
                scanned++;
                if (context.CanEvict(pfn))
                {
                    if (context.Evict(pfn))
                    {
                        Removed(pfn);
                        freed = true;
                    }
                }
                else if (!context.CanSwap && context.Frames[pfn].Kind is FrameKind.Anon or FrameKind.Shmem)
                {
                    Park(slot);
                    parked = true;
                }
            }

            if (freed)
            {
                reclaimed++;
            }
            else if (!parked)
            {
                break;
            }
        }

        return new ReclaimTally(reclaimed, scanned);
    }

    /// <summary>Swaps the page in <paramref name="slot"/> with the first drawn one and moves the boundary past it.</summary>
    private void Park(int slot)
    {
        var pfn = _resident[slot];
        Place(_resident[_parked], slot);
        Place(pfn, _parked++);
    }

    private void Place(int pfn, int slot)
    {
        _resident[slot] = pfn;
        _slot[pfn] = slot;
    }
}
