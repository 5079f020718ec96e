namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// An indexed binary max-heap of frames for <c>reclaim opt</c>: the top is
/// the frame whose next use is furthest away; on a tie (pages never used
/// again) the one added first. Each frame knows its slot, so a frame's next
/// use can change and it can leave in O(log n). Next uses only move forward,
/// so an update is a sift up that usually stops after a level or two.
/// </summary>
internal sealed class OptHeap
{
    private int[] _heap = [];
    private int[] _slot = [];
    private int[] _nextUse = [];
    private long[] _order = [];

    public int Count { get; private set; }

    public int Top => _heap[0];

    public bool Contains(int pfn) => (uint)pfn < (uint)_slot.Length && _slot[pfn] >= 0;

    public void Insert(int pfn, int nextUse, long order)
    {
        PfnArrays.Cover(ref _slot, pfn, -1);
        PfnArrays.Cover(ref _nextUse, pfn, 0);
        PfnArrays.Cover(ref _order, pfn, 0L);
        PfnArrays.Cover(ref _heap, Count, -1);
        _nextUse[pfn] = nextUse;
        _order[pfn] = order;
        _heap[Count] = pfn;
        _slot[pfn] = Count;
        SiftUp(Count++);
    }

    /// <summary>Puts back a frame taken out by <see cref="Remove"/>, with its next use and age as they were.</summary>
    public void Reinsert(int pfn) => Insert(pfn, _nextUse[pfn], _order[pfn]);

    public void Update(int pfn, int nextUse)
    {
        var old = _nextUse[pfn];
        _nextUse[pfn] = nextUse;
        if (nextUse > old)
        {
            SiftUp(_slot[pfn]);
        }
        else if (nextUse < old)
        {
            SiftDown(_slot[pfn]);
        }
    }

    public void Remove(int pfn)
    {
        var slot = _slot[pfn];
        _slot[pfn] = -1;
        var last = _heap[--Count];
        if (slot == Count)
        {
            return;
        }

        _heap[slot] = last;
        _slot[last] = slot;
        SiftUp(slot);
        SiftDown(_slot[last]);
    }

    private bool Above(int a, int b) => _nextUse[a] > _nextUse[b] || (_nextUse[a] == _nextUse[b] && _order[a] < _order[b]);

    private void SiftUp(int i)
    {
        var pfn = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            var p = _heap[parent];
            if (!Above(pfn, p))
            {
                break;
            }

            _heap[i] = p;
            _slot[p] = i;
            i = parent;
        }

        _heap[i] = pfn;
        _slot[pfn] = i;
    }

    private void SiftDown(int i)
    {
        var pfn = _heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Above(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            var c = _heap[child];
            if (!Above(c, pfn))
            {
                break;
            }

            _heap[i] = c;
            _slot[c] = i;
            i = child;
        }

        _heap[i] = pfn;
        _slot[pfn] = i;
    }
}
