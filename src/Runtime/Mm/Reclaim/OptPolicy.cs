namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Belady's optimal replacement (MODEL.md section 6). The future is known by
/// running the scenario twice.
/// <code>
/// pass 1 (future == null): evict first in, first out (on RecordingMachine's
///                          machine it seldom has to); Accessed(p): trace.record(key(p))
///                          (key = anon (mm, vpn) or (object, offset), from the frame)
/// pass 2 (future given):   t = the trace position (run) of the next access
///   Added(p):    next[p] = first use of key(p) at or after t   (none: never)
///   Accessed(p): next[p] = t while run t has accesses left, else the first
///                use of key(p) after t; the run's last access moves t on
///   Reclaim(n):  victims, in order: the pages never used again (the one
///                whose last use came first, first), then the pages by next
///                use, furthest first; a page that cannot go is passed over
/// </code>
/// Every page with a future use is a distinct trace position (a position
/// belongs to one key, a key to at most one frame), so the resident pages are
/// a max-heap of frames by next use (<see cref="NextUseHeap"/>, O(log frames)
/// an access). Pages never used again wait in a queue. Next uses come from
/// the trace's <see cref="NextUseIndex"/>, read in step with the replay (its
/// <see cref="NextUseIndex.Reader"/> only moves forward): the replay's memory
/// follows the frames and the distinct pages, never the trace's length. The trace's positions are runs of accesses to one page
/// (<see cref="PageTrace"/>): the order of next uses, all OPT looks at, is
/// that of the accesses, so the choices are those of an access-by-access
/// trace. Pages added without an access (fault-around, read-ahead) get
/// their first use at or after t, as any page. A swap-backed page that
/// cannot go for want of swap moves to a second set, out of the scan, until
/// swap can take a page again (as <see cref="PfnQueue"/> parks them): the
/// victims are those of a full scan, and an unevictable page is looked at
/// once per spell without swap, not once per reclaim. If the second pass ever
/// strays from the first, a page's next use is still its key's next recorded
/// position: the choice degrades, never fails.
/// </summary>
internal sealed class OptPolicy : IReclaimPolicy
{
    private const int NotResident = -1;

    private readonly FrameTable _frames;
    private readonly PageTrace? _recording;
    private readonly PfnQueue _lru = new();
    private readonly NextUseIndex.Reader? _future;
    private readonly int[] _frameOfKey = [];
    private readonly NextUseHeap _nextUses = new();
    private readonly PfnQueue _neverAgain = new();
    private readonly List<int> _passedOver = [];
    private readonly List<int> _parked = [];
    private bool[] _isParked = [];
    private int[] _keyId = [];
    private int[] _nextUse = [];
    private int _leftInRun;
    private int _parkedCount;

    public OptPolicy(FrameTable frames, PageTrace? future, int spillRuns = PageTrace.DefaultSpillRuns)
    {
        _frames = frames;
        if (future is null)
        {
            _recording = new PageTrace(spillRuns: spillRuns);
            return;
        }

        _future = future.NextUses.NewReader();
        _frameOfKey = new int[future.Keys];
        Array.Fill(_frameOfKey, -1);
        _leftInRun = _future.LengthNow;
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
        PfnArrays.Cover(ref _nextUse, pfn, NotResident);
        PfnArrays.Cover(ref _isParked, pfn, false);
        var id = _future.IdOf(PageKey.Of(_frames[pfn]));
        if (id >= 0 && _frameOfKey[id] >= 0)
        {
            id = -1;   // the key is in another frame already (a pass that strayed): this copy has no future
        }

        _keyId[pfn] = id;
        if (id >= 0)
        {
            _frameOfKey[id] = pfn;
        }

        Place(pfn, _future.NextOf(id));
    }

    public void Removed(int pfn)
    {
        if (_future is null)
        {
            if (_lru.Contains(pfn))
            {
                _lru.Remove(pfn);
            }

            return;
        }

        if ((uint)pfn >= (uint)_nextUse.Length || _nextUse[pfn] == NotResident)
        {
            return;
        }

        Unplace(pfn);
        _nextUse[pfn] = NotResident;
        if (_keyId[pfn] >= 0)
        {
            _frameOfKey[_keyId[pfn]] = -1;
        }
    }

    public void Accessed(int pfn)
    {
        if (_future is null)
        {
            _recording!.Record(PageKey.Of(_frames[pfn]));
            return;
        }

        if ((uint)pfn < (uint)_nextUse.Length && _nextUse[pfn] != NotResident)
        {
            var id = _keyId[pfn];
            var now = _future.IdNow == id && id >= 0;
            var next = now && _leftInRun > 1 ? _future.Now : now ? _future.NextNow : _future.NextOf(id);
            if (next != NextUseIndex.Never && _nextUses.Contains(pfn))   // in the heap it stays, moved (neither never-again nor parked)
            {
                _nextUse[pfn] = next;
                _nextUses.Update(pfn, next);
            }
            else
            {
                Unplace(pfn);
                Place(pfn, next);
            }
        }

        if (--_leftInRun <= 0)
        {
            _future.Advance();
            _leftInRun = _future.LengthNow;
            HostPrefetch.Element(_frameOfKey, _future.Ahead, _frameOfKey.Length);   // its Added asks whether the key has a frame
        }
    }

    /// <summary>
    /// For the kernel's textbook write path: the frame a one-page
    /// <see cref="Reclaim"/> with swap to spare takes first (the recording
    /// pass: its LRU list's head; the replay: the never-used-again queue's
    /// head, else the page used furthest ahead), and the queue whose parked
    /// mark that reclaim clears (<see cref="PfnQueue.Unpark"/>). -1 when the
    /// choice needs the full reclaim: pages parked for want of swap go back
    /// into the scan first.
    /// </summary>
    internal int PeekVictim(out PfnQueue? queue)
    {
        if (_future is null)
        {
            queue = _lru;
            return _lru.Head;
        }

        if (_parkedCount > 0)
        {
            queue = null;
            return -1;
        }

        queue = _neverAgain;
        return _neverAgain.Head >= 0 ? _neverAgain.Head : _nextUses.Max;
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        if (_future is null)
        {
            return _lru.EvictFromHead(context, nrToReclaim);
        }

        if (_parkedCount > 0 && context.CanSwap)
        {
            UnparkAll();
        }

        var tally = _neverAgain.EvictFromHead(context, nrToReclaim);
        int reclaimed = tally.Reclaimed, scanned = tally.Scanned;
        while (reclaimed < nrToReclaim)
        {
            var pfn = _nextUses.Max;
            if (pfn < 0)
            {
                break;
            }

            scanned++;
            if (context.CanEvict(pfn))
            {
                if (context.Evict(pfn))
                {
                    reclaimed++;
                    Removed(pfn);   // no-op when the kernel already told us
                }
                else
                {
                    _nextUses.Remove(pfn);
                    _passedOver.Add(pfn);
                }
            }
            else if (!context.CanSwap && context.Frames[pfn].Kind is FrameKind.Anon or FrameKind.Shmem)
            {
                _nextUses.Remove(pfn);
                _parked.Add(pfn);
                _isParked[pfn] = true;
                _parkedCount++;
            }
            else
            {
                _nextUses.Remove(pfn);
                _passedOver.Add(pfn);
            }
        }

        // The pages looked at and kept go back by their next use.
        foreach (var pfn in _passedOver)
        {
            if (_nextUse[pfn] != NotResident && _nextUse[pfn] != NextUseIndex.Never && !_isParked[pfn] && !_nextUses.Contains(pfn))
            {
                _nextUses.Add(pfn, _nextUse[pfn]);
            }
        }

        _passedOver.Clear();
        return new ReclaimTally(reclaimed, scanned);
    }

    private void Place(int pfn, int nextUse)
    {
        _nextUse[pfn] = nextUse;
        if (nextUse == NextUseIndex.Never)
        {
            _neverAgain.AddTail(pfn);
        }
        else
        {
            _nextUses.Add(pfn, nextUse);
        }
    }

    private void Unplace(int pfn)
    {
        if (_nextUse[pfn] == NextUseIndex.Never)
        {
            _neverAgain.Remove(pfn);
        }
        else if (_isParked[pfn])
        {
            _isParked[pfn] = false;
            _parkedCount--;
        }
        else if (_nextUses.Contains(pfn))
        {
            _nextUses.Remove(pfn);
        }
    }

    /// <summary>Swap can take a page again: every parked page goes back into the scan.</summary>
    private void UnparkAll()
    {
        foreach (var pfn in _parked)
        {
            if (_isParked[pfn])
            {
                _isParked[pfn] = false;
                _nextUses.Add(pfn, _nextUse[pfn]);
            }
        }

        _parked.Clear();
        _parkedCount = 0;
    }
}
