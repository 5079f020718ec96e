namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The resident pages of <c>reclaim opt</c>'s replay that have a next use,
/// by that use: an indexed binary max-heap of frame numbers keyed by their
/// next-use position (distinct: a position names one page). Adding,
/// removing a frame and taking the furthest are O(log frames); the heap's
/// size follows the frames, never the trace. Allocation-free once its
/// arrays cover the frames.
/// </summary>
internal sealed class NextUseHeap
{
    private int[] _heap = new int[64];      // heap slot -> pfn
    private int[] _slotOf = [];             // pfn -> heap slot, -1: not in the heap
    private int[] _key = [];                // pfn -> next-use position

    public int Count { get; private set; }

    public bool Contains(int pfn) => (uint)pfn < (uint)_slotOf.Length && _slotOf[pfn] >= 0;

    /// <summary>The frame whose next use is furthest; -1 when empty.</summary>
    public int Max => Count > 0 ? _heap[0] : -1;

    public void Add(int pfn, int position)
    {
        PfnArrays.Cover(ref _slotOf, pfn, -1);
        PfnArrays.Cover(ref _key, pfn, 0);
        if (Count == _heap.Length)
            Array.Resize(ref _heap, _heap.Length * 2);
        _key[pfn] = position;
        _heap[Count] = pfn;
        _slotOf[pfn] = Count;
        Up(Count++);
    }

    public void Remove(int pfn)
    {
        var slot = _slotOf[pfn];
        _slotOf[pfn] = -1;
        var last = _heap[--Count];
        if (slot == Count)
            return;
        _heap[slot] = last;
        _slotOf[last] = slot;
        if (slot > 0 && _key[_heap[(slot - 1) >> 1]] < _key[last])
            Up(slot);
        else
            Down(slot);
    }

    private void Up(int slot)
    {
        var pfn = _heap[slot];
        var key = _key[pfn];
        while (slot > 0)
        {
            var parent = (slot - 1) >> 1;
            var above = _heap[parent];
            if (_key[above] >= key)
                break;
            _heap[slot] = above;
            _slotOf[above] = slot;
            slot = parent;
        }

        _heap[slot] = pfn;
        _slotOf[pfn] = slot;
    }

    private void Down(int slot)
    {
        var pfn = _heap[slot];
        var key = _key[pfn];
        while (true)
        {
            var child = 2 * slot + 1;
            if (child >= Count)
                break;
            if (child + 1 < Count && _key[_heap[child + 1]] > _key[_heap[child]])
                child++;
            var below = _heap[child];
            if (_key[below] <= key)
                break;
            _heap[slot] = below;
            _slotOf[below] = slot;
            slot = child;
        }

        _heap[slot] = pfn;
        _slotOf[pfn] = slot;
    }
}
