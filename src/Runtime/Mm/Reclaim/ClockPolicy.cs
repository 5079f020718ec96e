namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Textbook clock (second chance) replacement over the resident frames
/// (MODEL.md section 6). The frames form a circle in page-fault order; the
/// hand starts at the oldest.
/// <code>
/// Accessed(p): ref[p] = 1                    // the faulting access sets it too
/// Added(p):    insert p just behind the hand // the victim's place, or the
///                                            // end of the circle before any eviction
/// Removed(p):  if hand == p: hand = next(p); circle.remove(p)
/// Reclaim(n):  while freed &lt; n:
///                  if ref[hand]: ref[hand] = 0; hand = next(hand)
///                  else if canEvict(hand) and evict(hand): freed++   // hand moves on in Removed
///                  else hand = next(hand)
/// </code>
/// The sweep gives up after two full turns without freeing anything (every
/// page left cannot go).
/// </summary>
internal sealed class ClockPolicy(FrameTable frames) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private readonly PfnQueue _circle = new();
    private byte[] _referenced = [];
    private int _hand = -1;

    public string Name => "clock";

    public bool TracksAccesses => true;

    /// <summary>The frames the policy watches (the machine's frame table).</summary>
    public FrameTable Frames => _frames;

    public void Added(int pfn)
    {
        PfnArrays.Cover(ref _referenced, pfn, (byte)0);
        _referenced[pfn] = 0;
        if (_hand < 0)
        {
            _circle.AddTail(pfn);
            _hand = pfn;
        }
        else
        {
            _circle.InsertBefore(pfn, _hand);
        }
    }

    public void Removed(int pfn)
    {
        if (!_circle.Contains(pfn))
        {
            return;
        }

        if (_hand == pfn)
        {
            _hand = _circle.Count == 1 ? -1 : _circle.NextInCircle(pfn);
        }

        _circle.Remove(pfn);
        _referenced[pfn] = 0;
    }

    public void Accessed(int pfn)
    {
        if ((uint)pfn < (uint)_referenced.Length)
        {
            _referenced[pfn] = 1;
        }
    }

    /// <summary>
    /// For the kernel's textbook fast path, changing nothing: the frame a
    /// <see cref="Reclaim"/> of one page would try first (the first frame from
    /// the hand whose bit is clear) and the frames it scans to reach it, itself
    /// included; -1 when there is none or the sweep would give up first.
    /// </summary>
    internal int PeekVictim(out int scanned)
    {
        scanned = 0;
        var pfn = _hand;
        while (pfn >= 0 && scanned <= 2 * _circle.Count)
        {
            scanned++;
            if (_referenced[pfn] == 0)
            {
                return pfn;
            }

            pfn = _circle.NextInCircle(pfn);
        }

        return -1;
    }

    /// <summary>The sweep up to <paramref name="victim"/> (from <see cref="PeekVictim"/>): clears the bits it passes, leaves the hand on it.</summary>
    internal void AdvanceTo(int victim)
    {
        while (_hand != victim)
        {
            _referenced[_hand] = 0;
            _hand = _circle.NextInCircle(_hand);
        }
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        int reclaimed = 0, scanned = 0, idle = 0;
        while (reclaimed < nrToReclaim && _hand >= 0 && idle <= 2 * _circle.Count)
        {
            var pfn = _hand;
            scanned++;
            if (_referenced[pfn] != 0)
            {
                _referenced[pfn] = 0;
                _hand = _circle.NextInCircle(pfn);
                idle++;
            }
            else if (context.CanEvict(pfn) && context.Evict(pfn))
            {
                Removed(pfn);   // no-op when the kernel already told us
                reclaimed++;
                idle = 0;
            }
            else
            {
                _hand = _circle.NextInCircle(pfn);
                idle++;
            }
        }

        return new ReclaimTally(reclaimed, scanned);
    }
}
