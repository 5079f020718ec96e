namespace MemScript.Runtime.Mm;

/// <summary>
/// An mm's VMAs in address order (mm->mm_mt): a sorted list, indexed and
/// searched by bisection, beside a balanced tree over the same positions that
/// keeps, for each VMA, the free gap below it (its start minus the previous
/// VMA's end, or minus <see cref="VmaList.MinAddress"/> for the first) and the
/// largest such gap in each subtree. That is the gap information the maple
/// tree keeps in its nodes for get_unmapped_area (mas_empty_area_rev): the
/// highest gap of at least a given size is found by visiting O(log n) nodes
/// instead of walking every VMA, so creating the n-th VMA does not cost n.
/// The tree is a treap by position (priorities from a fixed-seed xorshift:
/// the shape is deterministic and never shows in a result), its nodes in
/// struct arrays with a free list. Insert and remove keep both in step; code
/// that moves a VMA's start or end in place calls <see cref="BoundsChanged"/>.
/// <see cref="NodesVisited"/> counts the nodes the gap search touched.
/// </summary>
internal sealed class VmaTree
{
    private const int None = -1;

    private readonly List<Vma> _list = [];
    private Node[] _nodes = new Node[8];
    private int _root = None;
    private int _free = None;
    private int _used;
    private uint _seed = 0x9e3779b9;

    /// <summary>Tree nodes the gap searches of this mm have visited (a linear walk would visit every VMA).</summary>
    public long NodesVisited;

    public int Count => _list.Count;

    public Vma this[int index] => _list[index];

    public List<Vma>.Enumerator GetEnumerator() => _list.GetEnumerator();

    public void Add(Vma vma) => Insert(_list.Count, vma);

    public void Insert(int index, Vma vma)
    {
        _list.Insert(index, vma);
        Split(_root, index, out var left, out var right);
        _root = Merge(Merge(left, NewNode()), right);
        Refresh(index);
        Refresh(index + 1);
    }

    public void RemoveAt(int index)
    {
        _list.RemoveAt(index);
        Split(_root, index, out var left, out var rest);
        Split(rest, 1, out var removed, out var right);
        _nodes[removed].Left = _free;
        _free = removed;
        _root = Merge(left, right);
        Refresh(index);
    }

    /// <summary>The VMA at <paramref name="index"/> had its start or end moved in place: its gap and its successor's change.</summary>
    public void BoundsChanged(int index)
    {
        Refresh(index);
        Refresh(index + 1);
    }

    /// <summary>Index of the first VMA starting at or above <paramref name="address"/>, or Count.</summary>
    public int FirstStartingAt(ulong address)
    {
        int lo = 0, hi = _list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_list[mid].Start < address)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The free gap below the VMA at <paramref name="index"/>: from the previous VMA's end (or the lowest mappable address) to its start.</summary>
    public ulong FloorOf(int index) => index > 0 ? _list[index - 1].End : VmaList.MinAddress;

    /// <summary>The highest index below <paramref name="limit"/> whose gap below it is at least <paramref name="size"/> bytes; -1 when none.</summary>
    public int LastGapAtLeast(ulong size, int limit) => Last(_root, 0, limit, size);

    /// <summary>Self-check: every node's gap is the one its VMAs leave, and the tree holds as many nodes as the list.</summary>
    public string? Verify()
    {
        if (Size(_root) != _list.Count)
        {
            return FormattableString.Invariant($"the gap tree holds {Size(_root)} VMAs, the list {_list.Count}");
        }

        for (var i = 0; i < _list.Count; i++)
        {
            var at = NodeAt(i);
            if (_nodes[at].Gap != GapOf(i))
            {
                return FormattableString.Invariant($"the gap tree says {_nodes[at].Gap} bytes free below the VMA at {_list[i].Start:x}, the list {GapOf(i)}");
            }
        }

        return null;
    }

    private ulong GapOf(int index)
    {
        var floor = FloorOf(index);
        var start = _list[index].Start;
        return start > floor ? start - floor : 0;
    }

    private void Refresh(int index)
    {
        if (index < _list.Count)
        {
            SetGap(_root, index, GapOf(index));
        }
    }

    private void SetGap(int t, int index, ulong gap)
    {
        var position = Size(_nodes[t].Left);
        if (index < position)
        {
            SetGap(_nodes[t].Left, index, gap);
        }
        else if (index > position)
        {
            SetGap(_nodes[t].Right, index - position - 1, gap);
        }
        else
        {
            _nodes[t].Gap = gap;
        }

        Pull(t);
    }

    private int NodeAt(int index)
    {
        var t = _root;
        while (true)
        {
            var position = Size(_nodes[t].Left);
            if (index == position)
            {
                return t;
            }

            if (index < position)
            {
                t = _nodes[t].Left;
            }
            else
            {
                index -= position + 1;
                t = _nodes[t].Right;
            }
        }
    }

    private int Last(int t, int offset, int limit, ulong size)
    {
        if (t == None || offset >= limit || _nodes[t].MaxGap < size)
        {
            return -1;
        }

        NodesVisited++;
        var position = offset + Size(_nodes[t].Left);
        if (position < limit)
        {
            var right = Last(_nodes[t].Right, position + 1, limit, size);
            if (right >= 0)
            {
                return right;
            }

            if (_nodes[t].Gap >= size)
            {
                return position;
            }
        }

        return Last(_nodes[t].Left, offset, limit, size);
    }

    private int NewNode()
    {
        int n;
        if (_free != None)
        {
            n = _free;
            _free = _nodes[n].Left;
        }
        else
        {
            if (_used == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
            }

            n = _used++;
        }

        _seed ^= _seed << 13;
        _seed ^= _seed >> 17;
        _seed ^= _seed << 5;
        _nodes[n] = new Node { Left = None, Right = None, Priority = _seed, Size = 1 };
        return n;
    }

    private int Size(int t) => t == None ? 0 : _nodes[t].Size;

    private void Pull(int t)
    {
        ref var node = ref _nodes[t];
        node.Size = 1 + Size(node.Left) + Size(node.Right);
        var max = node.Gap;
        if (node.Left != None && _nodes[node.Left].MaxGap > max)
        {
            max = _nodes[node.Left].MaxGap;
        }

        if (node.Right != None && _nodes[node.Right].MaxGap > max)
        {
            max = _nodes[node.Right].MaxGap;
        }

        node.MaxGap = max;
    }

    /// <summary>Splits <paramref name="t"/> into its first <paramref name="count"/> positions and the rest.</summary>
    private void Split(int t, int count, out int left, out int right)
    {
        if (t == None)
        {
            left = right = None;
            return;
        }

        var position = Size(_nodes[t].Left);
        if (position < count)
        {
            Split(_nodes[t].Right, count - position - 1, out var a, out right);
            _nodes[t].Right = a;
            left = t;
        }
        else
        {
            Split(_nodes[t].Left, count, out left, out var b);
            _nodes[t].Left = b;
            right = t;
        }

        Pull(t);
    }

    private int Merge(int a, int b)
    {
        if (a == None)
        {
            return b;
        }

        if (b == None)
        {
            return a;
        }

        if (_nodes[a].Priority > _nodes[b].Priority)
        {
            _nodes[a].Right = Merge(_nodes[a].Right, b);
            Pull(a);
            return a;
        }

        _nodes[b].Left = Merge(a, _nodes[b].Left);
        Pull(b);
        return b;
    }

    private struct Node
    {
        public int Left;
        public int Right;
        public uint Priority;
        public int Size;
        /// <summary>Free bytes between the previous VMA's end and this VMA's start.</summary>
        public ulong Gap;
        /// <summary>The largest <see cref="Gap"/> in this subtree.</summary>
        public ulong MaxGap;
    }
}
