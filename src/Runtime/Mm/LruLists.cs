namespace MemScript.Runtime.Mm;

/// <summary>
/// The LRU lists (swap.c), intrusive and index-linked through
/// <see cref="PageFrame.LruPrev"/>/<see cref="PageFrame.LruNext"/>: moving a
/// page is O(1) and allocates nothing. New pages go to the head of their
/// inactive list (lru_cache_add); the linux reclaim policy takes from the
/// tails, moves pages between the lists (<see cref="MoveToHead"/>) and ages
/// the active lists; the textbook policies leave the lists as allocation made them.
/// An mlocked page (<see cref="FrameFlags.Mlocked"/>) is on the unevictable
/// list instead, and goes back to the head of its inactive list when the last
/// lock goes (as __munlock_folio puts it back).
/// </summary>
internal sealed class LruLists
{
    private readonly int[] _head = [-1, -1, -1, -1, -1];
    private readonly int[] _tail = [-1, -1, -1, -1, -1];
    private readonly long[] _count = new long[5];

    public long Count(LruList list) => _count[(int)list];

    public int Tail(LruList list) => _tail[(int)list];

    public static LruList InactiveFor(FrameKind kind) => kind == FrameKind.File ? LruList.InactiveFile : LruList.InactiveAnon;

    public void AddHead(FrameTable frames, int pfn, LruList list)
    {
        var l = (int)list;
        ref var frame = ref frames[pfn];
        frame.LruPrev = -1;
        frame.LruNext = _head[l];
        if (_head[l] >= 0)
        {
            frames[_head[l]].LruPrev = pfn;
        }
        else
        {
            _tail[l] = pfn;
        }

        _head[l] = pfn;
        _count[l]++;
        frame.Flags = (frame.Flags & ~FrameFlags.Active) | (list is LruList.ActiveAnon or LruList.ActiveFile ? FrameFlags.Active : 0);
    }

    public void Remove(FrameTable frames, int pfn, LruList list)
    {
        var l = (int)list;
        ref var frame = ref frames[pfn];
        if (frame.LruPrev >= 0)
        {
            frames[frame.LruPrev].LruNext = frame.LruNext;
        }
        else
        {
            _head[l] = frame.LruNext;
        }

        if (frame.LruNext >= 0)
        {
            frames[frame.LruNext].LruPrev = frame.LruPrev;
        }
        else
        {
            _tail[l] = frame.LruPrev;
        }

        frame.LruPrev = -1;
        frame.LruNext = -1;
        _count[l]--;
    }

    /// <summary>Moves <paramref name="pfn"/> from the list it is on to the head of <paramref name="to"/> (activation, rotation, deactivation).</summary>
    public void MoveToHead(FrameTable frames, int pfn, LruList to)
    {
        Remove(frames, pfn, ListOf(frames[pfn]));
        AddHead(frames, pfn, to);
    }

    public static LruList ListOf(in PageFrame frame)
    {
        if ((frame.Flags & FrameFlags.Mlocked) != 0)
        {
            return LruList.Unevictable;
        }

        var active = (frame.Flags & FrameFlags.Active) != 0;
        return frame.Kind == FrameKind.File
            ? active ? LruList.ActiveFile : LruList.InactiveFile
            : active ? LruList.ActiveAnon : LruList.InactiveAnon;
    }
}
