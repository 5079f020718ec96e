namespace MemScript.Runtime.Mm;

/// <summary>
/// The swap device (swapfile.c): one slot per page of the <c>swap</c> setting.
/// Per slot: a reference count (swap_map: swap PTEs plus shmem objects that
/// hold the slot), the content stamp written to it, and the frame that holds
/// the slot's page in the swap cache (-1 when none). A slot is free when no
/// reference and no swap-cache page hold it. Slots are chosen lowest free
/// first (deterministic), found through two bitmaps (a bit per free slot, a
/// bit per 64 slots with any free one, and a hint to the lowest summary word
/// that may have one), so allocation is O(slots / 4096) at worst whatever the
/// order slots are freed in, and allocates nothing. The three fields of a
/// slot sit together in one struct (one cache line per slot touched).
/// </summary>
internal sealed class SwapArea
{
    private readonly Slot[] _slots;
    private readonly ulong[] _free;      // bit s % 64 of word s / 64: slot s is free
    private readonly ulong[] _summary;   // bit w % 64 of word w / 64: _free[w] has a free slot
    private int _summaryFrom;            // every summary word below it is 0

    public SwapArea(long slots)
    {
        var n = (int)Math.Min(slots, int.MaxValue / 4);
        _slots = new Slot[n];
        Array.Fill(_slots, new Slot { CachePfn = -1 });
        FreeSlots = n;
        _free = new ulong[(n + 63) / 64];
        _summary = new ulong[(_free.Length + 63) / 64];
        Array.Fill(_free, ulong.MaxValue);
        if ((n & 63) != 0)
        {
            _free[^1] = (1UL << (n & 63)) - 1;
        }

        Array.Fill(_summary, ulong.MaxValue);
        if ((_free.Length & 63) != 0)
        {
            _summary[^1] = (1UL << (_free.Length & 63)) - 1;
        }
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

    /// <summary>Asks the host CPU for <paramref name="slot"/>'s record (a hint: see <see cref="HostPrefetch"/>).</summary>
    public void Prefetch(int slot) => HostPrefetch.Element(_slots, slot, _slots.Length);

    public bool InUse(int slot) => _slots[slot].Refs > 0 || _slots[slot].CachePfn >= 0;

    /// <summary>The lowest free slot, now in use with no references (the caller adds them); -1 when swap is full.</summary>
    public int Allocate()
    {
        for (var w = _summaryFrom; w < _summary.Length; w++)
        {
            var summary = _summary[w];
            if (summary == 0)
            {
                continue;
            }

            _summaryFrom = w;
            var word = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(summary);
            var s = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(_free[word]);
            _free[word] &= _free[word] - 1;
            if (_free[word] == 0)
            {
                _summary[w] &= ~(1UL << (word & 63));
            }

            HighWater = Math.Max(HighWater, s + 1);
            FreeSlots--;
            _slots[s].Refs = 0;
            _slots[s].Stamp = 0;
            return s;
        }

        _summaryFrom = _summary.Length;
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
            MarkFree(slot);
        }
    }

    private void MarkFree(int slot)
    {
        var word = slot >> 6;
        _free[word] |= 1UL << (slot & 63);
        _summary[word >> 6] |= 1UL << (word & 63);
        _summaryFrom = Math.Min(_summaryFrom, word >> 6);
    }

    private struct Slot
    {
        public int Refs;
        public uint Stamp;
        public int CachePfn;
    }
}
