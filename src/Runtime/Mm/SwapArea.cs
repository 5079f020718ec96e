namespace MemScript.Runtime.Mm;

/// <summary>
/// The swap device (swapfile.c): one slot per page of the <c>swap</c> setting.
/// Per slot: a reference count (swap_map: swap PTEs plus shmem objects that
/// hold the slot), the content stamp written to it, and the frame that holds
/// the slot's page in the swap cache (-1 when none). A slot is free when no
/// reference and no swap-cache page hold it. Slots are chosen lowest free
/// first (deterministic); a hint remembers where the search may start, so
/// allocation is amortized O(1) and allocates nothing. The three fields of a
/// slot sit together in one struct (one cache line per slot touched).
/// </summary>
internal sealed class SwapArea
{
    private readonly Slot[] _slots;
    private int _searchFrom;

    public SwapArea(long slots)
    {
        var n = (int)Math.Min(slots, int.MaxValue / 4);
        _slots = new Slot[n];
        Array.Fill(_slots, new Slot { CachePfn = -1 });
        FreeSlots = n;
    }

    public long TotalSlots => _slots.Length;

    public long FreeSlots { get; private set; }

    /// <summary>One past the highest slot ever allocated: slots from here on have never been used.</summary>
    public int HighWater { get; private set; }

    /// <summary>Pages in the swap cache (meminfo SwapCached).</summary>
    public long CachedPages { get; private set; }

    /// <summary>vm_swap_full: more than half the slots are in use.</summary>
    public bool MoreThanHalfFull => (TotalSlots - FreeSlots) * 2 > TotalSlots;

    public int Refs(int slot) => _slots[slot].Refs;

    public uint Stamp(int slot) => _slots[slot].Stamp;

    public int CachePfn(int slot) => _slots[slot].CachePfn;

    public bool InUse(int slot) => _slots[slot].Refs > 0 || _slots[slot].CachePfn >= 0;

    /// <summary>The lowest free slot, now in use with no references (the caller adds them); -1 when swap is full.</summary>
    public int Allocate()
    {
        for (var s = _searchFrom; s < _slots.Length; s++)
        {
            if (!InUse(s))
            {
                _searchFrom = s + 1;
                HighWater = Math.Max(HighWater, s + 1);
                FreeSlots--;
                _slots[s].Refs = 0;
                _slots[s].Stamp = 0;
                return s;
            }
        }

        _searchFrom = _slots.Length;
        return -1;
    }

    /// <summary>swap_writepage: the slot now holds a page with <paramref name="stamp"/>.</summary>
    public void Write(int slot, uint stamp) => _slots[slot].Stamp = stamp;

    public void AddRef(int slot, int n = 1) => _slots[slot].Refs += n;

    /// <summary>Drops one reference (a swap PTE or an object's); frees the slot when nothing holds it.</summary>
    public void Release(int slot)
    {
        _slots[slot].Refs--;
        FreeIfUnused(slot);
    }

    public void SetCache(int slot, int pfn)
    {
        _slots[slot].CachePfn = pfn;
        CachedPages++;
    }

    /// <summary>The swap-cache page of <paramref name="slot"/> is gone; frees the slot when nothing else holds it.</summary>
    public void ClearCache(int slot)
    {
        _slots[slot].CachePfn = -1;
        CachedPages--;
        FreeIfUnused(slot);
    }

    private void FreeIfUnused(int slot)
    {
        if (!InUse(slot))
        {
            FreeSlots++;
            _searchFrom = Math.Min(_searchFrom, slot);
        }
    }

    private struct Slot
    {
        public int Refs;
        public uint Stamp;
        public int CachePfn;
    }
}
