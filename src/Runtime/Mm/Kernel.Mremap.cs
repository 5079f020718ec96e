namespace MemScript.Runtime.Mm;

/// <summary>
/// mremap(MREMAP_MAYMOVE) of private anonymous memory (mm/mremap.c), as
/// glibc's realloc of an mmapped chunk uses it. No page is touched, so no
/// fault is taken:
/// <code>
/// shrink              the tail is unmapped, the start stays
/// grow in place       the range ends its VMA and the pages after it are
///                     free (below the mmap base, where a real process has
///                     ld.so and the vdso): the VMA is extended
/// move                a new range (get_unmapped_area for the new length),
///                     the VMA and its PTEs moved there (move_page_tables):
///                     frames, zero-page PTEs and swap entries keep their
///                     map counts, RSS, swap references and content stamps;
///                     the old range's page tables are freed
/// </code>
/// The extra pages are checked against `limit as`, `limit data` and
/// overcommit first, as mmap does; a refusal changes nothing.
/// The reverse map finds an anonymous page at its virtual page in the fork
/// family (<see cref="PageFrame.Index"/>), where the kernel keeps the VMA's
/// vm_pgoff across the move; so a moved page this mm alone maps is re-indexed
/// at its new address, and a page still shared copy-on-write with another
/// process (after fork) is given to the moving process as its own copy (the
/// kernel moves the shared page). A swap-cache page that a relative swapped in
/// at another address is copied by the swap-in fault (see SwapInFault).
/// Costs 0.14 us per page moved or unmapped.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>Returns the range's (possibly new) start, or 0 with <paramref name="error"/> set.</summary>
    public ulong Mremap(int mm, ulong address, ulong oldLength, ulong newLength, out Errno error)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        oldLength = PageAlign(oldLength);
        newLength = PageAlign(newLength);
        var vma = m.Alive && (address & (PageSize - 1)) == 0 && oldLength != 0 && newLength != 0 ? m.Find(address) : null;
        if (vma is null || vma.Kind != MapKind.AnonPrivate || vma.Role != VmaRole.Mmap || address + oldLength > vma.End)
        {
            error = vma is null ? Errno.EFAULT : Errno.EINVAL;
            return 0;
        }

        error = Errno.Ok;
        var oldEnd = address + oldLength;
        if (newLength <= oldLength)
        {
            if (newLength < oldLength)
            {
                LastSyscallCostNs = UnmapRange(m, address + newLength, oldEnd) * Costs.MunmapPerPage;
            }

            return address;
        }

        var growth = newLength - oldLength;
        if ((m.LimitAs is { } limitAs && m.VmSize() + growth > limitAs)
            || (vma.CountsAsData && m.LimitData is { } limitData && m.VmData() + growth > limitData)
            || (vma.Accounted && !_commit.TryCharge((long)(growth >> _pageShift))))
        {
            error = Errno.ENOMEM;
            return 0;
        }

        if (oldEnd == vma.End && address + newLength <= m.Geometry.MmapBase && !m.AnyVmaIn(oldEnd, address + newLength))
        {
            vma.End = address + newLength;
            m.Vmas.BoundsChanged(m.IndexAbove(address));
            VmaList.MergeAround(m, m.IndexAbove(address));
            m.CachedVma = null;
            return address;
        }

        var target = VmaList.GetUnmappedArea(m, newLength, VmaList.AlignsToHugePage(m, newLength, shared: false));
        long cost = 0;
        var tables = Machine.PageTablesCharged ? (long)(newLength >> _leafShift) + 4 : 0;
        if (target == 0 || !Reserve(m.Id, tables + SharedAnonPages(m, address, oldEnd), ref cost) || !m.Alive)
        {
            LastSyscallCostNs = cost;
            if (vma.Accounted)
            {
                _commit.Uncharge((long)(growth >> _pageShift));
            }

            error = Errno.ENOMEM;
            return 0;
        }

        SplitHugeIn(m, address, oldEnd);
        VmaList.SplitAt(m, address);
        VmaList.SplitAt(m, oldEnd);
        var index = m.IndexAbove(address);
        var piece = m.Vmas[index];
        m.Vmas.RemoveAt(index);
        m.AnonVmas -= VmaList.AnonVmaOf(piece);
        var moved = MovePtes(m, piece, address, oldEnd, target);
        piece.Start = target;
        piece.End = target + newLength;
        VmaList.Insert(m, piece);
        m.Tables.FreeUnused(address, oldEnd, m.AnyVmaIn);
        m.ForgetCachedLeaf();
        if (moved > 0)
        {
            FlushTlbRange(m, address, oldEnd);   // move_ptes: flush_tlb_range of the old addresses
        }

        LastSyscallCostNs = cost + moved * Costs.MunmapPerPage;
        return target;
    }

    /// <summary>Anonymous pages of [start, end) that another process maps too.</summary>
    private long SharedAnonPages(AddressSpace m, ulong start, ulong end)
    {
        long shared = 0;
        _leaves.Clear();
        m.Tables.CollectLeaves(start, end, _leaves);
        foreach (var span in _leaves)
        {
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if ((pte & (Pte.Present | Pte.Zero | Pte.PageCache)) == Pte.Present && _frames[Pte.Frame(pte)].MapCount > 1)
                {
                    shared++;
                }
            }
        }

        _leaves.Clear();
        return shared;
    }

    /// <summary>move_page_tables: every PTE of [start, end) to the same offset from <paramref name="target"/>; returns the pages moved.</summary>
    private long MovePtes(AddressSpace m, Vma vma, ulong start, ulong end, ulong target)
    {
        long moved = 0;
        for (var va = start; va < end; va += PageSize)
        {
            var leaf = m.Tables.FindLeaf(va);
            var i = (int)(va >> _pageShift) & _pteMask;
            var pte = leaf is null ? 0 : leaf[i];
            if (pte == 0)
            {
                continue;
            }

            leaf![i] = 0;
            var to = target + (va - start);
            m.Tables.GetOrCreateLeaf(to)[(int)(to >> _pageShift) & _pteMask] = Retarget(m, vma, pte, to);
            moved++;
        }

        return moved;
    }

    /// <summary>The PTE that maps at <paramref name="to"/> what <paramref name="pte"/> mapped, keeping the reverse map true.</summary>
    private ulong Retarget(AddressSpace m, Vma vma, ulong pte, ulong to)
    {
        if (Pte.IsSwap(pte))
        {
            var slot = Pte.Frame(pte);
            var cached = _swap.CachePfn(slot);
            if (cached >= 0 && _frames[cached].MapCount == 0 && _swap.Refs(slot) == 1)
            {
                ReIndex(m, cached, to);   // only this entry holds the slot: the cached page follows it
            }

            return pte;
        }

        if ((pte & (Pte.Present | Pte.Zero | Pte.PageCache)) != Pte.Present)
        {
            return pte;
        }

        var pfn = Pte.Frame(pte);
        ref var frame = ref _frames[pfn];
        if (frame.MapCount == 1)
        {
            ReIndex(m, pfn, to);
            return pte;
        }

        // Still shared copy-on-write with a relative, who maps it at the old address: a copy of our own.
        var copy = NewAnonPage(m, to, frame.Stamp);
        frame.MapCount--;
        m.RssAnon--;
        var flags = pte & (Pte.Read | Pte.Exec | Pte.Accessed | Pte.Dirty);
        return Pte.Make(copy, flags | (vma.Write ? Pte.Write : 0), Pte.Stamp(pte));
    }

    private void ReIndex(AddressSpace m, int pfn, ulong to)
    {
        ref var frame = ref _frames[pfn];
        frame.Owner = m.Id;
        frame.Index = (long)(to >> _pageShift);
    }
}
