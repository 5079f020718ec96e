namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Belady's optimal replacement (MODEL.md section 6). The future is known by
/// running the scenario twice.
/// <code>
/// pass 1 (future == null): evict as exact LRU; Accessed(p): trace.record(key(p))
///                          (key = anon (mm, vpn) or (object, offset), from the frame)
/// pass 2 (future given):   t = number of accesses so far
///   Added(p):    next[p] = first use of key(p) at or after t   (never -> infinity)
///                heap.insert(p)
///   Accessed(p): next[p] = first use of key(p) after t; t++
///   Removed(p):  heap.remove(p)
///   Reclaim(n):  repeat: p = heap.top   // furthest next use; ties: added first
///                    if canEvict(p) and evict(p): freed++
///                    else set p aside (put back afterwards)
/// </code>
/// Next uses come from the trace's <see cref="NextUseIndex"/> (positions per
/// key, built once; this replay's cursors only move forward) and the heap is indexed, so a
/// million-access run costs O(n log frames). Pages added without an access
/// (fault-around, read-ahead) get their first use at or after t, as any page.
/// If the second pass ever strays from the first, a page's next use is still
/// its key's next recorded position: the choice degrades, never fails.
/// </summary>
internal sealed class OptPolicy : IReclaimPolicy
{
    private readonly FrameTable _frames;
    private readonly PageTrace? _recording;
    private readonly PfnQueue _lru = new();
    private readonly NextUseIndex? _future;
    private readonly int[] _cursors = [];
    private readonly OptHeap _heap = new();
    private int[] _keyId = [];
    private int[] _setAside = new int[16];
    private int _now;
    private long _added;

    public OptPolicy(FrameTable frames, PageTrace? future)
    {
        _frames = frames;
        if (future is null)
        {
            _recording = new PageTrace();
        }
        else
        {
            _future = future.NextUses;
            _cursors = _future.NewCursors();
        }
    }

    public string Name => "opt";

    /// <summary>The recording pass's trace (null in the replay pass).</summary>
    public PageTrace? Recorded => _recording;

    public bool TracksAccesses => true;

    public void Added(int pfn)
    {
        if (_future is null)
        {
            _lru.AddTail(pfn);
            return;
        }

        PfnArrays.Cover(ref _keyId, pfn, -1);
        var id = _future.IdOf(PageKey.Of(_frames[pfn]));
        _keyId[pfn] = id;
        _heap.Insert(pfn, _future.FirstAtOrAfter(_cursors, id, _now), _added++);
    }

    public void Removed(int pfn)
    {
        if (_future is null)
        {
            if (_lru.Contains(pfn))
            {
                _lru.Remove(pfn);
            }
        }
        else if (_heap.Contains(pfn))
        {
            _heap.Remove(pfn);
        }
    }

    public void Accessed(int pfn)
    {
        if (_future is null)
        {
            _recording!.Record(PageKey.Of(_frames[pfn]));
            if (_lru.Contains(pfn))
            {
                _lru.MoveToTail(pfn);
            }

            return;
        }

        if (_heap.Contains(pfn))
        {
            _heap.Update(pfn, _future.NextAfter(_cursors, _keyId[pfn], _now));
        }

        _now++;
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        if (_future is null)
        {
            return _lru.EvictFromHead(context, nrToReclaim);
        }

        int reclaimed = 0, scanned = 0, setAside = 0;
        while (reclaimed < nrToReclaim && _heap.Count > 0)
        {
            var pfn = _heap.Top;
            scanned++;
            if (context.CanEvict(pfn) && context.Evict(pfn))
            {
                reclaimed++;
                if (_heap.Contains(pfn))
                {
                    _heap.Remove(pfn);
                }

                continue;
            }

            _heap.Remove(pfn);
            PfnArrays.Cover(ref _setAside, setAside, 0);
            _setAside[setAside++] = pfn;
        }

        for (var i = 0; i < setAside; i++)
        {
            _heap.Reinsert(_setAside[i]);
        }

        return new ReclaimTally(reclaimed, scanned);
    }
}
