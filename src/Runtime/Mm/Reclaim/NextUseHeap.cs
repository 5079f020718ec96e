namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The resident pages of <c>reclaim opt</c>'s replay that have a next use,
/// by that use: an indexed four-way max-heap of frame numbers keyed by their
/// next-use position (distinct: a position names one page). Adding,
/// removing a frame, moving its next use and taking the furthest are
/// O(log frames); the heap's size follows the frames, never the trace. Each
/// slot holds its key beside its frame, so a sift compares without reading
/// a per-frame array, and a slot's four children share a cache line: half
/// the levels of a binary heap, each one line. Allocation-free once its
/// arrays cover the frames.
/// </summary>
internal sealed class NextUseHeap
{
    private Slot[] _heap = new Slot[64];
    private int[] _slotOf = [];             // pfn -> heap slot, -1: not in the heap

    public int Count { get; private set; }

    public bool Contains(int pfn) => (uint)pfn < (uint)_slotOf.Length && _slotOf[pfn] >= 0;

    /// <summary>The frame whose next use is furthest; -1 when empty.</summary>
    public int Max => Count > 0 ? _heap[0].Pfn : -1;

    public void Add(int pfn, int position)
    {
        PfnArrays.Cover(ref _slotOf, pfn, -1);
        if (Count == _heap.Length)
            Array.Resize(ref _heap, _heap.Length * 2);
        Up(Count++, new Slot(position, pfn));
    }

    public void Remove(int pfn)
    {
        var slot = _slotOf[pfn];
        _slotOf[pfn] = -1;
        var last = _heap[--Count];
        if (slot == Count)
            return;
        if (slot > 0 && _heap[(slot - 1) >> 2].Key < last.Key)
            Up(slot, last);
        else
            Down(slot, last);
    }

    /// <summary>Moves a frame in the heap to its new next use (one sift, where a remove and an add take two).</summary>
    public void Update(int pfn, int position)
    {
        var slot = _slotOf[pfn];
        var moved = new Slot(position, pfn);
        if (position > _heap[slot].Key)
            Up(slot, moved);
        else
            Down(slot, moved);
    }

    /// <summary>Puts <paramref name="item"/> at <paramref name="slot"/> or above, moving smaller parents down.</summary>
    private void Up(int slot, Slot item)
    {
        while (slot > 0)
        {
            var parent = (slot - 1) >> 2;
            var above = _heap[parent];
            if (above.Key >= item.Key)
                break;
            _heap[slot] = above;
            _slotOf[above.Pfn] = slot;
            slot = parent;
        }

        _heap[slot] = item;
        _slotOf[item.Pfn] = slot;
    }

    /// <summary>Puts <paramref name="item"/> at <paramref name="slot"/> or below, moving larger children up.</summary>
    private void Down(int slot, Slot item)
    {
        while (true)
        {
            var first = 4 * slot + 1;
            if (first >= Count)
                break;
            var child = first;
            var end = Math.Min(first + 4, Count);
            for (var c = first + 1; c < end; c++)
            {
                if (_heap[c].Key > _heap[child].Key)
                    child = c;
            }

            var below = _heap[child];
            if (below.Key <= item.Key)
                break;
            _heap[slot] = below;
            _slotOf[below.Pfn] = slot;
            slot = child;
        }

        _heap[slot] = item;
        _slotOf[item.Pfn] = slot;
    }

    private readonly record struct Slot(int Key, int Pfn);
}
