namespace MemScript.Runtime.Mm;

/// <summary>
/// Eviction and swap-in (vmscan.c shrink_folio_list, rmap.c try_to_unmap,
/// memory.c do_swap_page, shmem.c shmem_swapin_folio).
/// <code>
/// evict anon   every mapper's PTE becomes a swap entry (slot, expected
///              stamp kept); written to swap (pswpout) unless the page is in
///              the swap cache with the slot's stamp (unmodified copy)
/// evict file   PTEs cleared; dirty: written back first; a shadow is left
///              in the object's page array (workingset_refault_file later)
/// evict shmem  PTEs cleared; written to a slot the object holds
/// swap-in      major fault (pswpin, workingset_refault_anon); a read keeps
///              the page in the swap cache, another mapper then maps it
///              with a minor fault; an exclusive page (no other swap entry
///              left) is mapped writable, and leaves the cache at once when
///              swap is more than half full (vm_swap_full); a write leaves
///              the cache (the slot is freed when nothing else holds it),
///              unless other swap entries still hold the slot: then the
///              write copies and the cached page stays for them
/// </code>
/// Shmem swap-in frees its slot at once, as shmem does. madvise pageout
/// skips pages that more than one process maps. Every address
/// space whose PTEs changed has its TLB flushed.
/// </summary>
internal sealed partial class Kernel
{
    private bool Evict(int pfn)
    {
        if (!CanEvict(pfn))
        {
            return false;
        }

        SplitHugeFolio(pfn);
        ref var frame = ref _frames[pfn];
        if (frame.Kind == FrameKind.Anon && frame.MapCount == 0 && (frame.Flags & FrameFlags.SwapCache) == 0)
        {
            return false;   // nobody maps it, no slot would be referenced: a leak for the self-check, not a page to write
        }

        CollectMappers(pfn);
        if (_rmapHits.Count != frame.MapCount)
        {
            _rmapHits.Clear();
            return false;
        }

        switch (frame.Kind)
        {
            case FrameKind.Anon:
                EvictAnon(pfn);
                break;
            case FrameKind.File:
                EvictFile(pfn);
                break;
            default:
                EvictShmem(pfn);
                break;
        }

        _rmapHits.Clear();
        _frames.Free(pfn);
        return true;
    }

    private void EvictAnon(int pfn)
    {
        ref var frame = ref _frames[pfn];
        var slot = SlotFor(ref frame);
        foreach (var hit in _rmapHits)
        {
            var pte = hit.Leaf[hit.Index];
            hit.Leaf[hit.Index] = Pte.MakeSwap(slot, Pte.Stamp(pte));
            hit.Mm.RssAnon--;
            hit.Mm.SwapEnts++;
            FlushTlbRange(hit.Mm, hit.Va, hit.Va + PageSize);
            _swap.AddRef(slot);
        }

        frame.MapCount = 0;
        LeaveSwapCache(pfn);
    }

    private void EvictFile(int pfn)
    {
        ref var frame = ref _frames[pfn];
        var dirty = (frame.Flags & FrameFlags.Dirty) != 0;
        foreach (var hit in _rmapHits)
        {
            dirty |= (hit.Leaf[hit.Index] & Pte.Dirty) != 0;
            hit.Leaf[hit.Index] = 0;
            UnmapCachePage(hit.Mm, pfn);
            FlushTlbRange(hit.Mm, hit.Va, hit.Va + PageSize);
        }

        if (dirty)
        {
            _pagesWritten++;
            _cache.ClearDirty(pfn);
        }

        _objects[frame.Owner].Pages[frame.Index] = MemObject.Shadow;
        _objects[frame.Owner].CachedPages--;
    }

    private void EvictShmem(int pfn)
    {
        ref var frame = ref _frames[pfn];
        foreach (var hit in _rmapHits)
        {
            hit.Leaf[hit.Index] = 0;
            UnmapCachePage(hit.Mm, pfn);
            FlushTlbRange(hit.Mm, hit.Va, hit.Va + PageSize);
        }

        var slot = SlotFor(ref frame);
        _swap.AddRef(slot);
        _objects[frame.Owner].Pages[frame.Index] = MemObject.SwapEntry(slot);
    }

    /// <summary>The slot that will hold the page: its swap-cache slot (written again only if modified) or a new one, written.</summary>
    private int SlotFor(ref PageFrame frame)
    {
        int slot;
        if ((frame.Flags & FrameFlags.SwapCache) != 0)
        {
            slot = frame.SwapSlot;
            if (_swap.Stamp(slot) == frame.Stamp)
            {
                return slot;
            }
        }
        else
        {
            slot = _swap.Allocate();
        }

        _swap.Write(slot, frame.Stamp);
        _vmstat[(int)VmCounter.pswpout]++;
        _pagesWritten++;
        return slot;
    }

    /// <summary>delete_from_swap_cache: the frame no longer holds its slot (freed when nothing else does).</summary>
    private void LeaveSwapCache(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if ((frame.Flags & FrameFlags.SwapCache) == 0)
        {
            return;
        }

        frame.Flags &= ~FrameFlags.SwapCache;
        var slot = frame.SwapSlot;
        frame.SwapSlot = -1;
        _swap.ClearCache(slot);
    }

    /// <summary>Frees an anonymous frame nobody maps any more (and its swap-cache slot).</summary>
    private void FreeAnonPage(int pfn)
    {
        LeaveSwapCache(pfn);
        _frames.Free(pfn);
    }

    /// <summary>do_swap_page: the fault on a swap entry of a private anonymous page.</summary>
    private (FaultResult, long) SwapInFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong pte, ulong va, AccessKind kind)
    {
        var slot = Pte.Frame(pte);
        var pfn = _swap.CachePfn(slot);
        if (pfn >= 0 && _frames[pfn].Index != (long)(va >> _pageShift))
        {
            return SwapInMovedCopy(m, vma, leaf, i, pte, va, kind, pfn);
        }

        var major = pfn < 0;
        if (major)
        {
            pfn = ReadSwapIntoCache(m, va, slot);
        }

        var mapCount = ++_frames[pfn].MapCount;
        m.RssAnon++;
        m.SwapEnts--;
        _swap.Release(slot);
        var exclusive = mapCount == 1 && _swap.Refs(slot) == 0;
        var flags = Pte.Permissions(vma) | Pte.Accessed | (exclusive && vma.Write ? Pte.Write : 0);
        leaf[i] = Pte.Make(pfn, flags, Pte.Stamp(pte));
        if (kind == AccessKind.Write)
        {
            WriteProtectFault(m, vma, leaf, i, leaf[i], va);
        }
        else
        {
            CheckStamp(m, va, leaf[i]);
            if (exclusive && _swap.MoreThanHalfFull)
            {
                LeaveSwapCache(pfn);
            }
        }

        return major ? (FaultResult.Major, Costs.MajorFault) : (FaultResult.Minor, Costs.AnonFault);
    }

    /// <summary>
    /// The swap-cache page of this entry was swapped in by a relative at
    /// another address (mremap moved one side): the reverse map finds an
    /// anonymous page at one virtual page only, so this mm gets a copy of it
    /// (a minor fault) and drops its swap reference.
    /// </summary>
    private (FaultResult, long) SwapInMovedCopy(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong pte, ulong va, AccessKind kind, int cached)
    {
        var copy = NewAnonPage(m, va, _frames[cached].Stamp);
        m.SwapEnts--;
        ReleaseSwapEntry(Pte.Frame(pte));
        leaf[i] = Pte.Make(copy, Pte.Permissions(vma) | Pte.Accessed | (vma.Write ? Pte.Write : 0), Pte.Stamp(pte));
        if (kind == AccessKind.Write)
        {
            leaf[i] = StampWrite(leaf[i]);
        }
        else
        {
            CheckStamp(m, va, leaf[i]);
        }

        return (FaultResult.Minor, Costs.AnonFault);
    }

    /// <summary>shmem_swapin_folio: reads a shmem page back from its slot and frees the slot.</summary>
    private int SwapInShmem(MemObject obj, long page, int slot)
    {
        var pfn = _frames.Allocate(FrameKind.Shmem, obj.Id, page);
        _frames[pfn].Stamp = _swap.Stamp(slot);
        obj.Pages[page] = pfn + 1;
        _swap.Release(slot);
        _vmstat[(int)VmCounter.pswpin]++;
        _vmstat[(int)VmCounter.workingset_refault_anon]++;
        return pfn;
    }

    /// <summary>
    /// madvise(MADV_PAGEOUT): evicts the range's resident pages now; returns
    /// the cost of the writes. A page that more than one process maps is
    /// left alone (madvise_cold_or_pageout_pte_range: folio_mapcount != 1).
    /// </summary>
    private long PageOut(AddressSpace m, ulong start, ulong end)
    {
        var writtenBefore = _pagesWritten;
        for (var va = start; va < end; va += PageSize)
        {
            var leaf = m.Tables.FindLeaf(va);
            var pte = leaf is null ? 0 : leaf[(int)(va >> _pageShift) & _pteMask];
            if ((pte & (Pte.Present | Pte.Zero)) == Pte.Present && _frames[Pte.Frame(pte)].MapCount == 1)
            {
                Evict(Pte.Frame(pte));
            }
        }

        return (_pagesWritten - writtenBefore) * Costs.SwapOutPerPage;
    }

    /// <summary>
    /// swap_read_folio into the swap cache: a new anonymous frame for
    /// <paramref name="va"/> of <paramref name="m"/> takes the slot's content
    /// stamp and joins the swap cache (pswpin, workingset_refault_anon).
    /// The caller maps it, or leaves it cached (willneed). Returns the frame.
    /// </summary>
    private int ReadSwapIntoCache(AddressSpace m, ulong va, int slot)
    {
        var pfn = _frames.Allocate(FrameKind.Anon, m.Id, (long)(va >> _pageShift));
        ref var frame = ref _frames[pfn];
        frame.Stamp = _swap.Stamp(slot);
        frame.Flags |= FrameFlags.SwapCache;
        frame.SwapSlot = slot;
        _swap.SetCache(slot, pfn);
        _vmstat[(int)VmCounter.pswpin]++;
        _vmstat[(int)VmCounter.workingset_refault_anon]++;
        return pfn;
    }
}
