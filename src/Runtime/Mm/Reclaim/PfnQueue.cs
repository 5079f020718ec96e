namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// An ordered list of frame numbers, linked through two arrays indexed by
/// frame (prev/next; -2 marks a frame that is not on the list): insertion,
/// removal and moving a frame to the tail are O(1) and allocate nothing once
/// the arrays cover the frame. The textbook policies keep their order in it:
/// fifo in page-fault order, lru in access order, clock as its circle.
/// Eviction parks swap-backed pages that cannot go because swap has no free
/// slot: they are the list's head (everything before them went), so parking
/// is a boundary after the last of them; while swap stays unavailable the
/// next eviction starts after it, and once swap can take a page again the
/// boundary is dropped and the list is scanned from its real head. A parked
/// anon or shmem page cannot become evictable in the meantime (it is not in
/// the swap cache and cannot enter it while resident), so the pages chosen
/// are exactly those of a scan from the head, each looked at once per call
/// and an unevictable page once per spell without swap.
/// </summary>
internal sealed class PfnQueue
{
    private const int Absent = -2;
    private int[] _prev = [];
    private int[] _next = [];
    private int _parkedEnd = -1;   // the last frame of the parked head of the list; -1: none parked

    public int Head { get; private set; } = -1;

    public int Tail { get; private set; } = -1;

    public int Count { get; private set; }

    public bool Contains(int pfn) => (uint)pfn < (uint)_prev.Length && _prev[pfn] != Absent;

    /// <summary>The frame after <paramref name="pfn"/>, or -1 at the tail.</summary>
    public int Next(int pfn) => _next[pfn];

    /// <summary>The frame after <paramref name="pfn"/> with the tail followed by the head (the clock's circle).</summary>
    public int NextInCircle(int pfn) => _next[pfn] >= 0 ? _next[pfn] : Head;

    public void AddTail(int pfn)
    {
        PfnArrays.Cover(ref _prev, pfn, Absent);
        PfnArrays.Cover(ref _next, pfn, Absent);
        _prev[pfn] = Tail;
        _next[pfn] = -1;
        if (Tail >= 0)
        {
            _next[Tail] = pfn;
        }
        else
        {
            Head = pfn;
        }

        Tail = pfn;
        Count++;
    }

    /// <summary>Inserts <paramref name="pfn"/> just before <paramref name="before"/>, which is on the list.</summary>
    public void InsertBefore(int pfn, int before)
    {
        PfnArrays.Cover(ref _prev, pfn, Absent);
        PfnArrays.Cover(ref _next, pfn, Absent);
        var prev = _prev[before];
        _prev[pfn] = prev;
        _next[pfn] = before;
        _prev[before] = pfn;
        if (prev >= 0)
        {
            _next[prev] = pfn;
        }
        else
        {
            Head = pfn;
        }

        Count++;
    }

    public void Remove(int pfn)
    {
        if (pfn == _parkedEnd)
        {
            _parkedEnd = _prev[pfn];   // the parked pages are the head: the one before is parked or none
        }

        var prev = _prev[pfn];
        var next = _next[pfn];
        if (prev >= 0)
        {
            _next[prev] = next;
        }
        else
        {
            Head = next;
        }

        if (next >= 0)
        {
            _prev[next] = prev;
        }
        else
        {
            Tail = prev;
        }

        _prev[pfn] = Absent;
        _next[pfn] = Absent;
        Count--;
    }

    public void MoveToTail(int pfn)
    {
        if (pfn == Tail)
        {
            return;
        }

        Remove(pfn);
        AddTail(pfn);
    }

    /// <summary>What <see cref="EvictFromHead"/> does first when swap can take a page: the parked boundary is dropped.</summary>
    public void Unpark() => _parkedEnd = -1;

    /// <summary>
    /// Evicts from the head on: each frame is looked at once (counted as
    /// scanned); one that cannot go stays where it is. Stops after
    /// <paramref name="nrToReclaim"/> frames are freed or the list is done.
    /// Parked frames (see the type's note) are skipped while swap cannot take
    /// a page; a swap-backed frame that cannot go for want of swap, with only
    /// parked frames before it, joins them.
    /// </summary>
    public ReclaimTally EvictFromHead(IReclaimContext context, int nrToReclaim)
    {
        if (_parkedEnd >= 0 && context.CanSwap)
        {
            _parkedEnd = -1;
        }

        int reclaimed = 0, scanned = 0;
        var budget = Count;
        var pfn = _parkedEnd >= 0 ? _next[_parkedEnd] : Head;
        while (pfn >= 0 && reclaimed < nrToReclaim && scanned < budget)
        {
            var next = _next[pfn];
            scanned++;
            if (context.CanEvict(pfn))
            {
                if (context.Evict(pfn))
                {
                    reclaimed++;
                    if (Contains(pfn))
                    {
                        Remove(pfn);   // the kernel freed it without telling; keep the list honest
                    }
                }
            }
            else if (_prev[pfn] == _parkedEnd && !context.CanSwap && context.Frames[pfn].Kind is FrameKind.Anon or FrameKind.Shmem)
            {
                _parkedEnd = pfn;
            }

            pfn = next >= 0 && Contains(next) ? next : -1;
        }

        return new ReclaimTally(reclaimed, scanned);
    }
}
