namespace MemScript.Runtime.Mm;

/// <summary>
/// The LRU lists (swap.c), one set per NUMA node as each <c>pglist_data</c>
/// keeps its own lruvec: a page is on the lists of its frame's node
/// (<see cref="FrameTable.NodeOf"/>). The sets are one array of
/// <see cref="LruVec"/> structs; the lists are intrusive and index-linked
/// through <see cref="PageFrame.LruPrev"/>/<see cref="PageFrame.LruNext"/>:
/// moving a page is O(1) and allocates nothing. New pages go to the head of their
/// inactive list (lru_cache_add); the linux reclaim policy takes from the
/// tails of the node it shrinks (<see cref="Node"/>), moves pages between the
/// lists (<see cref="MoveToHead(FrameTable, int, int, LruList)"/>) and ages
/// the active lists; the textbook policies leave the lists as allocation made them.
/// An mlocked page (<see cref="FrameFlags.Mlocked"/>) is on the unevictable
/// list instead, and goes back to the head of its inactive list when the last
/// lock goes (as __munlock_folio puts it back). The overloads without a node
/// find it from the frame number (one branch on a one-node machine).
/// </summary>
internal sealed class LruLists
{
    private readonly LruVec[] _vecs;

    public LruLists()
        : this(1)
    {
    }

    public LruLists(int nodes)
    {
        _vecs = new LruVec[Math.Max(1, nodes)];
        for (var n = 0; n < _vecs.Length; n++)
        {
            _vecs[n] = LruVec.Empty();
        }
    }

    public int NodeCount => _vecs.Length;

    /// <summary>Pages on <paramref name="list"/> over every node (the machine's meminfo figure).</summary>
    public long Count(LruList list)
    {
        long sum = 0;
        for (var n = 0; n < _vecs.Length; n++)
        {
            sum += _vecs[n].Count[(int)list];
        }

        return sum;
    }

    /// <summary>Pages on node <paramref name="node"/>'s <paramref name="list"/> (lruvec_lru_size).</summary>
    public long Count(int node, LruList list) => _vecs[node].Count[(int)list];

    /// <summary>The coldest page of node <paramref name="node"/>'s <paramref name="list"/> (-1: empty).</summary>
    public int Tail(int node, LruList list) => _vecs[node].Tail[(int)list];

    /// <summary>Node 0's tail (a one-node machine's lists).</summary>
    public int Tail(LruList list) => Tail(0, list);

    /// <summary>Node <paramref name="node"/>'s lists as reclaim shrinks them.</summary>
    public NodeLru Node(int node) => new(this, node);

    public static LruList InactiveFor(FrameKind kind) => kind == FrameKind.File ? LruList.InactiveFile : LruList.InactiveAnon;

    public void AddHead(FrameTable frames, int pfn, LruList list) => AddHead(frames, pfn, frames.NodeOf(pfn), list);

    public void AddHead(FrameTable frames, int pfn, int node, LruList list)
    {
        var l = (int)list;
        ref var vec = ref _vecs[node];
        ref var frame = ref frames[pfn];
        frame.LruPrev = -1;
        frame.LruNext = vec.Head[l];
        if (vec.Head[l] >= 0)
        {
            frames[vec.Head[l]].LruPrev = pfn;
        }
        else
        {
            vec.Tail[l] = pfn;
        }

        vec.Head[l] = pfn;
        vec.Count[l]++;
        frame.Flags = (frame.Flags & ~FrameFlags.Active) | (list is LruList.ActiveAnon or LruList.ActiveFile ? FrameFlags.Active : 0);
    }

    public void Remove(FrameTable frames, int pfn, LruList list) => Remove(frames, pfn, frames.NodeOf(pfn), list);

    public void Remove(FrameTable frames, int pfn, int node, LruList list)
    {
        var l = (int)list;
        ref var vec = ref _vecs[node];
        ref var frame = ref frames[pfn];
        if (frame.LruPrev >= 0)
        {
            frames[frame.LruPrev].LruNext = frame.LruNext;
        }
        else
        {
            vec.Head[l] = frame.LruNext;
        }

        if (frame.LruNext >= 0)
        {
            frames[frame.LruNext].LruPrev = frame.LruPrev;
        }
        else
        {
            vec.Tail[l] = frame.LruPrev;
        }

        frame.LruPrev = -1;
        frame.LruNext = -1;
        vec.Count[l]--;
    }

    /// <summary>Moves <paramref name="pfn"/> from the list it is on to the head of <paramref name="to"/> (activation, rotation, deactivation).</summary>
    public void MoveToHead(FrameTable frames, int pfn, LruList to) => MoveToHead(frames, pfn, frames.NodeOf(pfn), to);

    /// <summary><see cref="MoveToHead(FrameTable, int, LruList)"/> for a page of node <paramref name="node"/>.</summary>
    public void MoveToHead(FrameTable frames, int pfn, int node, LruList to)
    {
        Remove(frames, pfn, node, ListOf(frames[pfn]));
        AddHead(frames, pfn, node, to);
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
