namespace MemScript.Runtime.Mm;

/// <summary>
/// mprotect (mprotect.c) and madvise (madvise.c). Both split the VMAs at the
/// range's ends and merge compatible neighbours afterwards, so
/// /proc/PID/maps shows what Linux shows. mprotect rewrites the permission
/// bits of present PTEs (write stays only on pages this mm owns alone, and on
/// shmem); making a private mapping writable charges Committed_AS. madvise:
/// dontneed zaps the PTEs and frees each PTE table whose whole 2 MiB it
/// emptied (a table that still maps something is kept), willneed reads
/// ahead (Kernel.WillNeed.cs), random/sequential/normal set the read-around
/// advice, pageout evicts the range's pages that this mm alone maps
/// (MADV_PAGEOUT), the others are accepted and ignored. A swap-cache page
/// whose slot other swap entries still share never gets the write bit from
/// mprotect (its first write must leave the cache).
/// A range with holes is ENOMEM (madvise still acts on the mapped parts).
/// dontneed and pageout of a range with a VM_LOCKED part are EINVAL and change
/// nothing (the kernel acts on the VMAs before the locked one first).
/// </summary>
internal sealed partial class Kernel
{
    public Errno Mprotect(int mm, ulong address, ulong length, bool read, bool write, bool exec)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if (CheckMappedRange(m, address, length, out var end) is { } early)
        {
            return early;
        }

        long charge = 0;
        for (var i = m.IndexAbove(address); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            var vma = m.Vmas[i];
            if (write && !vma.Shared && !vma.Accounted && !vma.NoReserve)
            {
                charge += (long)((Math.Min(end, vma.End) - Math.Max(address, vma.Start)) >> _pageShift);
            }
        }

        if (!_commit.TryCharge(charge))
        {
            return Errno.ENOMEM;
        }

        SplitHugeAt(m, address);
        SplitHugeAt(m, end);
        VmaList.SplitAt(m, address);
        VmaList.SplitAt(m, end);
        for (var i = m.IndexAbove(address); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            var vma = m.Vmas[i];
            vma.Read = read;
            vma.Write = write;
            vma.Exec = exec;
            if (write && !vma.Shared && !vma.NoReserve)
            {
                vma.Accounted = true;
            }

            RewritePermissions(m, vma);
        }

        MergeAll(m);
        m.ForgetCachedLeaf();
        FinishGather(m);
        return Errno.Ok;
    }

    public Errno Madvise(int mm, ulong address, ulong length, Advice advice)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if ((address & (PageSize - 1)) != 0 || !m.Alive)
        {
            return Errno.EINVAL;
        }

        var end = address + PageAlign(length);
        if (advice is Advice.DontNeed or Advice.PageOut && LockedBytesIn(m, address, end) > 0)
        {
            return Errno.EINVAL;   // can_madv_lru_vma: not on VM_LOCKED memory
        }

        var holes = !FullyMapped(m, address, end);
        switch (advice)
        {
            case Advice.DontNeed:
                SplitHugeAt(m, address);
                SplitHugeAt(m, end);
                ForEachPart(m, address, end, (s, e, _) => DontNeed(m, s, e));
                m.ForgetCachedLeaf();
                FinishGather(m);
                break;
            case Advice.WillNeed:
                ForEachPart(m, address, end, (s, e, vma) => LastSyscallCostNs += m.Alive ? WillNeed(m, vma, s, e) : 0);
                break;
            case Advice.PageOut:
                ForEachPart(m, address, end, (s, e, _) => LastSyscallCostNs += PageOut(m, s, e));
                break;
            case Advice.Random or Advice.Sequential or Advice.Normal:
                SplitHugeAt(m, address);
                SplitHugeAt(m, end);
                VmaList.SplitAt(m, address);
                VmaList.SplitAt(m, end);
                ForEachPart(m, address, end, (_, _, vma) => vma.Advice = advice);
                MergeAll(m);
                break;
            case Advice.HugePage or Advice.NoHugePage:
                // hugepage_madvise: VM_HUGEPAGE / VM_NOHUGEPAGE on the range's VMAs (huge pages already there stay).
                SplitHugeAt(m, address);
                SplitHugeAt(m, end);
                VmaList.SplitAt(m, address);
                VmaList.SplitAt(m, end);
                ForEachPart(m, address, end, (_, _, vma) =>
                {
                    vma.HugePage = advice == Advice.HugePage;
                    vma.NoHugePage = advice == Advice.NoHugePage;
                    if (vma.HugePage)
                    {
                        KhugepagedEnterVma(m, vma);
                    }
                });
                MergeAll(m);
                m.CachedVma = null;
                break;
        }

        return holes ? Errno.ENOMEM : Errno.Ok;
    }

    /// <summary>
    /// MADV_DONTNEED on one VMA's part [start, end): zaps the PTEs, then frees
    /// each PTE table whose whole 2 MiB lies inside the part (6.14+
    /// zap_pte_range with reclaim_pt: the range covers the table, so it is now
    /// empty). A table only partly covered still maps something, or may: kept.
    /// </summary>
    private void DontNeed(AddressSpace m, ulong start, ulong end)
    {
        Zap(m, start, end);
        var span = _geometry.LeafSpan;
        for (var table = (start + span - 1) & ~(span - 1); table + span <= end; table += span)
        {
            m.Tables.FreeLeaf(table);
        }
    }

    /// <summary>True unless the frame is in the swap cache with a slot other swap entries share.</summary>
    private bool ExclusiveOfSwap(int pfn)
    {
        ref var frame = ref _frames[pfn];
        return (frame.Flags & FrameFlags.SwapCache) == 0 || _swap.Refs(frame.SwapSlot) == 0;
    }

    /// <summary>
    /// The checks mprotect, mlock and munlock open with: an unaligned start or
    /// a dead mm is EINVAL, an empty range is done (Ok), a range with a hole is
    /// ENOMEM; null when the whole page-aligned range [address, end) is mapped.
    /// </summary>
    private Errno? CheckMappedRange(AddressSpace m, ulong address, ulong length, out ulong end)
    {
        end = address + PageAlign(length);
        if ((address & (PageSize - 1)) != 0 || !m.Alive)
        {
            return Errno.EINVAL;
        }

        if (end == address)
        {
            return Errno.Ok;
        }

        return FullyMapped(m, address, end) ? null : Errno.ENOMEM;
    }

    private static bool FullyMapped(AddressSpace m, ulong start, ulong end)
    {
        var at = start;
        for (var i = m.IndexAbove(start); i < m.Vmas.Count && at < end; i++)
        {
            if (m.Vmas[i].Start > at)
            {
                return false;
            }

            at = m.Vmas[i].End;
        }

        return at >= end;
    }

    private static void ForEachPart(AddressSpace m, ulong start, ulong end, Action<ulong, ulong, Vma> action)
    {
        var parts = new List<Vma>();
        for (var i = m.IndexAbove(start); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            parts.Add(m.Vmas[i]);
        }

        foreach (var vma in parts)
        {
            action(Math.Max(start, vma.Start), Math.Min(end, vma.End), vma);
        }
    }

    private static void MergeAll(AddressSpace m)
    {
        for (var i = 0; i + 1 < m.Vmas.Count;)
        {
            if (m.Vmas[i].CanMergeWith(m.Vmas[i + 1]))
            {
                VmaList.MergeAround(m, i);
            }
            else
            {
                i++;
            }
        }
    }

    private void RewritePermissions(AddressSpace m, Vma vma)
    {
        var allowed = Pte.Permissions(vma);
        _leaves.Clear();
        m.Tables.CollectLeaves(vma.Start, vma.End, _leaves);
        foreach (var span in _leaves)
        {
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if ((pte & Pte.Present) == 0)
                {
                    continue;
                }

                var keepWrite = vma.Write && (pte & Pte.Zero) == 0
                    && ((pte & Pte.PageCache) == 0
                        ? _frames[Pte.Frame(pte)].MapCount == 1 && ExclusiveOfSwap(Pte.Frame(pte))
                        : vma.Kind is MapKind.AnonShared or MapKind.SysVShm || (pte & Pte.Write) != 0);
                pte &= ~(Pte.Read | Pte.Write | Pte.Exec);
                span.Ptes[j] = pte | allowed | (keepWrite ? Pte.Write : 0);
                m.Gather(span.BaseVa + ((ulong)j << _pageShift));
            }
        }

        _leaves.Clear();
    }
}
