namespace MemScript.Runtime.Mm;

/// <summary>
/// mlock and munlock (mm/mlock.c). mlock sets VM_LOCKED on the VMAs of the
/// range (splitting and merging them as mlock_fixup does), then faults the
/// range in as __mm_populate does: one minor fault per page, counted in
/// minflt (a warm file mapping read-only is mapped by fault-around, 16 pages a
/// fault); a private anonymous page not yet mapped gets a real page even in a
/// read-only mapping (measured: docs/probes/mlock.c), a zero page already
/// mapped stays. Every page a locked VMA maps carries <see cref="Pte.Mlocked"/>
/// and counts once in its frame's mlock_count; the first lock moves the frame
/// to the unevictable list (meminfo Mlocked and Unevictable), the last unlock
/// (munlock, munmap, exit, a COW copy replacing it) puts it back at the head of
/// its inactive list. Reclaim never takes an mlocked page. VmLck is the size of
/// the VM_LOCKED VMAs (mm->locked_vm). A range with a hole is ENOMEM and
/// changes nothing. RLIMIT_MEMLOCK (8 MiB, the kernel's default since 5.16)
/// binds users other than root, who has CAP_IPC_LOCK.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>RLIMIT_MEMLOCK's default (MLOCK_LIMIT, 8 MiB).</summary>
    public const ulong MlockLimit = 8UL << 20;

    /// <summary>mlock(2) of a page-aligned range; <paramref name="capIpcLock"/>: exempt from RLIMIT_MEMLOCK (root).</summary>
    public Errno Mlock(int mm, ulong address, ulong length, bool capIpcLock)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if (CheckMappedRange(m, address, length, out var end) is { } early)
        {
            return early;
        }

        if (!capIpcLock && m.LockedBytes() + (end - address) - LockedBytesIn(m, address, end) > MlockLimit)
        {
            return Errno.ENOMEM;
        }

        SetLocked(m, address, end, locked: true);
        for (var va = address; va < end && m.Alive; va += PageSize)
        {
            LastSyscallCostNs += MlockFaultIn(m, va);
        }

        if (m.Alive)
        {
            LockPtes(m, address, end);
        }

        return Errno.Ok;
    }

    /// <summary>munlock(2): clears VM_LOCKED; pages no other lock holds go back to the LRU.</summary>
    public Errno Munlock(int mm, ulong address, ulong length)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if (CheckMappedRange(m, address, length, out var end) is { } early)
        {
            return early;
        }

        UnlockPtes(m, address, end);
        SetLocked(m, address, end, locked: false);
        return Errno.Ok;
    }

    /// <summary>meminfo Mlocked (and Unevictable): frames with a lock.</summary>
    public long MlockedPages => _mlockedPages;

    private long _mlockedPages;

    private static ulong LockedBytesIn(AddressSpace m, ulong start, ulong end)
    {
        ulong total = 0;
        for (var i = m.IndexAbove(start); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            if (m.Vmas[i].Locked)
            {
                total += Math.Min(end, m.Vmas[i].End) - Math.Max(start, m.Vmas[i].Start);
            }
        }

        return total;
    }

    private static void SetLocked(AddressSpace m, ulong start, ulong end, bool locked)
    {
        VmaList.SplitAt(m, start);
        VmaList.SplitAt(m, end);
        for (var i = m.IndexAbove(start); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            m.Vmas[i].Locked = locked;
        }

        MergeAll(m);
        m.CachedVma = null;
    }

    /// <summary>populate_vma_page_range for one page: a write fault in a private mapping, else a read fault. Returns the cost.</summary>
    private long MlockFaultIn(AddressSpace m, ulong va)
    {
        var vma = m.Find(va);
        if (vma is null || !(vma.Read || vma.Write || vma.Exec))
        {
            return 0;
        }

        var leaf = m.Tables.FindLeaf(va);
        var i = (int)(va >> _pageShift) & _pteMask;
        var pte = leaf is null ? 0 : leaf[i];
        var anonPrivate = vma.Kind == MapKind.AnonPrivate;
        var write = !vma.Shared && (vma.Write || (anonPrivate && (pte & Pte.Present) == 0));
        if ((pte & Pte.Present) != 0 && (!write || (pte & Pte.Write) != 0))
        {
            return 0;
        }

        long cost = 0;
        _frames.PendingNeed = 1;
        var result = HandleFault(m, vma, va, write ? AccessKind.Write : AccessKind.Read, populate: true, ref cost);
        if (!vma.Write && result == FaultResult.Minor)
        {
            leaf = m.Tables.FindLeaf(va);
            leaf![i] &= ~Pte.Write;   // a read-only mapping's page stays read-only
        }

        return cost;
    }

    /// <summary>Gives every page mapped in [start, end) of a locked VMA its lock (mlock_pte_range).</summary>
    private void LockPtes(AddressSpace m, ulong start, ulong end)
    {
        _leaves.Clear();
        m.Tables.CollectLeaves(start, end, _leaves);
        foreach (var span in _leaves)
        {
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if ((pte & (Pte.Present | Pte.Zero | Pte.Mlocked)) == Pte.Present)
                {
                    span.Ptes[j] = pte | Pte.Mlocked;
                    MlockFrame(Pte.Frame(pte));
                }
            }
        }

        _leaves.Clear();
    }

    private void UnlockPtes(AddressSpace m, ulong start, ulong end)
    {
        _leaves.Clear();
        m.Tables.CollectLeaves(start, end, _leaves);
        foreach (var span in _leaves)
        {
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if ((pte & Pte.Mlocked) != 0)
                {
                    span.Ptes[j] = pte & ~Pte.Mlocked;
                    MunlockFrame(Pte.Frame(pte));
                }
            }
        }

        _leaves.Clear();
    }

    /// <summary>
    /// After a fault in a locked VMA (HandleFault): the frame <paramref name="oldPte"/> mapped keeps its
    /// lock if the fault kept the frame (a COW reuse), else loses it (a COW copy replaced it); then,
    /// the faulting page gets its lock at once and, outside mlock's own populate, so do the pages the
    /// fault mapped around it (a fault-around window).
    /// </summary>
    private void MlockAfterFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong va, ulong oldPte, bool populate)
    {
        if ((oldPte & Pte.Mlocked) != 0)
        {
            var now = leaf[i];
            if ((now & (Pte.Present | Pte.Zero)) == Pte.Present && Pte.Frame(now) == Pte.Frame(oldPte))
            {
                leaf[i] = now | Pte.Mlocked;
            }
            else
            {
                MunlockFrame(Pte.Frame(oldPte));
            }
        }

        if (populate)
        {
            // mlock's own faults: the page is locked at once (mlock_new_folio), so reclaim during the
            // rest of the populate cannot take it; the range's other pages are locked when it ends.
            LockPtes(m, va, va + PageSize);
        }
        else
        {
            var tableStart = va & ~(_geometry.LeafSpan - 1);
            LockPtes(m, Math.Max(vma.Start, tableStart), Math.Min(vma.End, tableStart + _geometry.LeafSpan));
        }
    }

    private void MlockFrame(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if (frame.MlockCount++ > 0)
        {
            return;
        }

        var from = LruLists.ListOf(frame);
        frame.Flags |= FrameFlags.Mlocked;
        _frames.Lru.Remove(_frames, pfn, from);
        _frames.Lru.AddHead(_frames, pfn, LruList.Unevictable);
        _mlockedPages++;
    }

    private void MunlockFrame(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if (frame.MlockCount == 0 || --frame.MlockCount > 0)
        {
            return;
        }

        _frames.Lru.Remove(_frames, pfn, LruList.Unevictable);
        frame.Flags &= ~FrameFlags.Mlocked;
        _frames.Lru.AddHead(_frames, pfn, LruLists.InactiveFor(frame.Kind));
        _mlockedPages--;
    }
}
