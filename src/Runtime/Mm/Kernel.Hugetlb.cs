using System.Numerics;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The hugetlbfs pool (mm/hugetlb.c) for 2 MiB pages: <c>hugepages N</c> at
/// boot and <c>sysctl vm.nr_hugepages</c> at run time (set_max_huge_pages),
/// MAP_HUGETLB mappings (private and shared) and their faults.
/// <code>
/// pool        N order-9 blocks taken from the buddy allocator (frames of kind
///             Hugetlb: not in MemFree nor MemAvailable; MemTotal unchanged);
///             growing takes free order-9 blocks only, as far as they go
///             without going below the min watermark (__GFP_RETRY_MAYFAIL
///             gets no reserves; the kernel also reclaims and compacts first);
///             shrinking frees unused pages, then turns pages in use into
///             surplus (HugePages_Surp) that go back to the buddy when freed
/// mmap huge   hugetlb_reserve_pages: one reservation per huge page of the
///             length (rounded up to 2 MiB), ENOMEM when free - reserved
///             cannot cover it; not in Committed_AS (accountable_mapping)
/// fault       hugetlb_no_page: a page from the pool (the reservation
///             consumed; without one, free - reserved must be above 0, else
///             SIGBUS), zeroed, mapped by one PMD: one fault per 2 MiB; a
///             private read maps it read-only, its first write is one more
///             fault that reuses it (hugetlb_wp, the page exclusive)
/// fork        copy_hugetlb_page_range: a private page is write-protected and
///             shared; the child owns no reservation. A COW write takes a new
///             pool page (copy, not counted against the reservations); when
///             none is left the child gets SIGBUS, the owner takes the page
///             back from its children (unmap_ref_private) and they get
///             SIGBUS at their next fault there
/// munmap/exit the pages go back to the pool, unused reservations are released
///             (hugetlb_vm_op_close); a shared mapping's pages stay in its
///             file until the last mapping goes
/// </code>
/// HugetlbPages (status) counts the 2 MiB mapped, never in VmRSS; smaps puts
/// a page in Shared_Hugetlb when more than one mm maps it. The model keeps a
/// PTE table behind each hugetlb PMD (the fast path reads PTEs); it is not
/// counted in VmPTE nor PageTables, as the kernel allocates none.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>The base pages of a default-size hugetlb page (HPAGE_SIZE, the PMD-level page: 2 MiB, 32 MiB with 16K pages, 512 MiB with 64K).</summary>
    private int HugetlbFrames => HugePages;

    /// <summary>The free pool pages, by head frame; the last freed is the first taken (enqueue/dequeue_hugetlb_folio).</summary>
    private readonly Stack<int> _hugetlbFree = new();

    /// <summary>Reservations of private mappings not yet consumed: (owner mm, huge page address).</summary>
    private readonly HashSet<(int Mm, ulong Haddr)> _hugetlbPrivateResv = [];

    /// <summary>The hugetlbfs files behind shared mappings and SHM_HUGETLB segments, by object id.</summary>
    private readonly Dictionary<int, HugetlbFile> _hugetlbFiles = [];

    private long _hugetlbTotal;
    private long _hugetlbSurplus;
    private long _hugetlbReserved;
    private long _hugetlbPmds;

    private long HugetlbTotal => _hugetlbTotal;

    private long HugetlbFree => _hugetlbFree.Count;

    private long HugetlbReserved => _hugetlbReserved;

    private long HugetlbSurplus => _hugetlbSurplus;

    /// <summary>PTE tables that stand for hugetlb PMDs in <paramref name="m"/> (one per mapped huge page).</summary>
    private long HugetlbTables(AddressSpace m) => (m.HugetlbPages - GiantMapped(m)) / HugetlbFrames;

    /// <summary>Charged table frames that stand for hugetlb PMDs, all mms (left out of meminfo PageTables).</summary>
    private long HugetlbChargedTables => Machine.PageTablesCharged ? _hugetlbPmds : 0;

    /// <summary>Free pool pages no reservation holds (available_huge_pages).</summary>
    private long HugetlbAvailable => _hugetlbFree.Count - _hugetlbReserved;

    /// <summary>hugetlb_hstate_alloc_pages at boot: <c>hugepages N</c> pages of 2 MiB, as many as free blocks allow.</summary>
    private void BootHugetlbPool()
    {
        if (Machine.HugePages > 0 && Machine.HugetlbPageSize == HugeSize)
        {
            SetHugetlbPool(Machine.HugePages);
        }

        BootGiantPool();
    }

    /// <summary>
    /// set_max_huge_pages: grows the pool from free order-9 blocks (as far as
    /// they go) or shrinks it (free pages back to the buddy allocator, pages in
    /// use or reserved become surplus). Returns the pool's size after.
    /// </summary>
    public long SetHugetlbPool(long count)
    {
        count = Math.Max(0, count);
        while (_hugetlbSurplus > 0 && _hugetlbTotal - _hugetlbSurplus < count)
        {
            _hugetlbSurplus--;   // surplus pages become persistent again
        }

        while (_hugetlbTotal - _hugetlbSurplus < count && _frames.FreeFrames - HugetlbFrames >= _watermarks.Min)
        {
            var head = _frames.TakeHugetlbBlock(HugeOrder);
            if (head < 0)
            {
                break;
            }

            _hugetlbTotal++;
            _hugetlbFree.Push(head);
        }

        // A page stays while it is in use or reserved (min_count).
        var minCount = _hugetlbReserved + _hugetlbTotal - _hugetlbFree.Count;
        var target = Math.Max(count, minCount);
        while (_hugetlbTotal > target && _hugetlbFree.Count > 0)
        {
            _frames.ReturnHugetlbBlock(_hugetlbFree.Pop(), HugeOrder);
            _hugetlbTotal--;
        }

        _hugetlbSurplus = Math.Max(0, _hugetlbTotal - count);
        return _hugetlbTotal - _hugetlbSurplus;
    }

    /// <summary>hugetlb_reserve_pages for a new mapping of [start, start + length); false (ENOMEM) when the pool cannot cover it.</summary>
    private bool ReserveHugetlb(AddressSpace m, ulong start, ulong length, MemObject? file)
    {
        var pages = (long)(length / HugeSize);
        if (HugetlbAvailable < pages)
        {
            return false;
        }

        _hugetlbReserved += pages;
        if (file is not null)
        {
            _hugetlbFiles[file.Id] = new HugetlbFile(pages);
            return true;
        }

        for (var haddr = start; haddr < start + length; haddr += HugeSize)
        {
            _hugetlbPrivateResv.Add((m.Id, haddr));
        }

        return true;
    }

    /// <summary>hugetlb_vm_op_close for a private mapping's part [vma.Start, vma.End): its unused reservations go.</summary>
    private void ReleaseHugetlbReservations(AddressSpace m, Vma vma)
    {
        if (!vma.HugetlbOwner)
        {
            return;
        }

        if (vma.HugetlbGiant)
        {
            ReleaseGiantReservations(m, vma);
            return;
        }

        for (var haddr = vma.Start; haddr < vma.End; haddr += HugeSize)
        {
            if (_hugetlbPrivateResv.Remove((m.Id, haddr)))
            {
                _hugetlbReserved--;
            }
        }
    }

    /// <summary>The last mapping of a hugetlbfs file went: its pages go back to the pool, its reservations are released.</summary>
    private void ReleaseHugetlbFile(MemObject obj)
    {
        if (!_hugetlbFiles.Remove(obj.Id, out var file))
        {
            ReleaseGiantFile(obj);
            return;
        }

        for (var i = 0; i < file.Pages.Length; i++)
        {
            if (file.Pages[i] >= 0)
            {
                FreeHugetlbPage(file.Pages[i]);
            }
            else if (file.Reserved[i])
            {
                _hugetlbReserved--;
            }
        }
    }

    /// <summary>A pool page for a fault: the reservation consumed when there is one, else an unreserved free page; -1 when none.</summary>
    private int TakeHugetlbPage(bool reserved)
    {
        if (reserved)
        {
            _hugetlbReserved--;
        }
        else if (HugetlbAvailable <= 0)
        {
            return -1;
        }

        var head = _hugetlbFree.Pop();
        for (var j = 0; j < HugetlbFrames; j++)
        {
            _frames[head + j].Stamp = 0;   // the page is zeroed (folio_zero_user)
        }

        return head;
    }

    /// <summary>free_huge_folio: back to the pool, or to the buddy allocator while the pool is over its size.</summary>
    private void FreeHugetlbPage(int head)
    {
        _frames[head].Owner = -1;
        if (_hugetlbSurplus > 0)
        {
            _hugetlbSurplus--;
            _hugetlbTotal--;
            _frames.ReturnHugetlbBlock(head, HugeOrder);
            return;
        }

        _hugetlbFree.Push(head);
    }

    /// <summary>hugetlb_fault: maps the huge page at <paramref name="va"/>, or breaks its COW.</summary>
    private FaultResult HugetlbFault(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        if (vma.HugetlbGiant)
        {
            return GiantFault(m, vma, va, kind, populate, ref costNs);
        }

        var haddr = va & ~HugeMask;
        var write = kind == AccessKind.Write;
        var leaf = m.Tables.FindLeaf(haddr);
        if (leaf is not null && (leaf[0] & Pte.Present) != 0)
        {
            var i = (int)(va >> _pageShift) & _pteMask;
            if (!write || (leaf[i] & Pte.Write) != 0)
            {
                return FaultResult.Hit;
            }

            return HugetlbWriteProtectFault(m, vma, leaf, haddr, va, kind, populate, ref costNs);
        }

        if (vma.HugetlbUnmapped)
        {
            return FaultResult.Bus;   // the owner took this page back (HPAGE_RESV_UNMAPPED)
        }

        if (!Reserve(m.Id, MissingTables(m, haddr), ref costNs) || !m.Alive)
        {
            return FaultResult.OomKilled;
        }

        var head = PoolPageForFault(m, vma, haddr, write, BitOperations.Log2(HugeSize), _hugetlbFiles, _hugetlbPrivateResv, TakeHugetlbPage, out var writable);
        if (head < 0)
        {
            return FaultResult.Bus;
        }

        leaf = m.Tables.GetOrCreateLeaf(haddr);
        MapHugetlb(m, vma, leaf, head, writable);
        if (write)
        {
            var i = (int)(va >> _pageShift) & _pteMask;
            leaf[i] = StampWrite(leaf[i]);
        }

        return HugeFaultDone(m, vma, va, kind, populate, Costs.ThpFault, ref costNs);
    }

    private void MapHugetlb(AddressSpace m, Vma vma, ulong[] leaf, int head, bool writable)
    {
        var flags = Pte.Permissions(vma) | Pte.Huge | Pte.Accessed | (writable ? Pte.Write | Pte.Dirty : 0);
        for (var j = 0; j < HugetlbFrames; j++)
        {
            leaf[j] = Pte.Make(head + j, flags, _frames[head + j].Stamp & Pte.StampMask);
        }

        _frames[head].MapCount++;
        m.HugetlbPages += HugetlbFrames;
        _hugetlbPmds++;
    }

    /// <summary>hugetlb_wp: reuse an exclusive page, else copy it into a new pool page.</summary>
    private FaultResult HugetlbWriteProtectFault(AddressSpace m, Vma vma, ulong[] leaf, ulong haddr, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        var old = Pte.Frame(leaf[0]) & ~(HugetlbFrames - 1);
        var i = (int)(va >> _pageShift) & _pteMask;
        if (vma.Shared || _frames[old].MapCount == 1)
        {
            for (var j = 0; j < HugetlbFrames; j++)
            {
                leaf[j] |= Pte.Write | Pte.Dirty;
            }

            leaf[i] = StampWrite(leaf[i]);
            return HugeFaultDone(m, vma, va, kind, populate, Costs.AnonFault, ref costNs);
        }

        var head = TakeHugetlbPage(reserved: false);
        if (head < 0)
        {
            if (!vma.HugetlbOwner)
            {
                return FaultResult.Bus;
            }

            // unmap_ref_private: the owner takes the page back from the children.
            UnmapHugetlbFromOthers(m, haddr, old);
            return HugetlbWriteProtectFault(m, vma, leaf, haddr, va, kind, populate, ref costNs);
        }

        var flags = Pte.Permissions(vma) | Pte.Huge | Pte.Accessed | Pte.Write | Pte.Dirty;
        for (var j = 0; j < HugetlbFrames; j++)
        {
            var stamp = _frames[old + j].Stamp;
            _frames[head + j].Stamp = stamp;   // copy_user_large_folio
            leaf[j] = Pte.Make(head + j, flags, stamp & Pte.StampMask);
        }

        _frames[head].MapCount = 1;
        _frames[old].MapCount--;
        leaf[i] = StampWrite(leaf[i]);
        FlushTlbRange(m, haddr, haddr + HugeSize, hugeStride: true);
        return HugeFaultDone(m, vma, va, kind, populate, Costs.ThpFault, ref costNs);
    }

    /// <summary>unmap_ref_private: every other mm mapping <paramref name="head"/> at <paramref name="haddr"/> loses it, its VMA marked for SIGBUS.</summary>
    private void UnmapHugetlbFromOthers(AddressSpace owner, ulong haddr, int head)
    {
        foreach (var other in owner.Family)
        {
            if (other == owner || !other.Alive || other.Tables.FindLeaf(haddr) is not { } leaf
                || (leaf[0] & Pte.Present) == 0 || (Pte.Frame(leaf[0]) & ~(HugetlbFrames - 1)) != head)
            {
                continue;
            }

            Array.Clear(leaf);
            other.HugetlbPages -= HugetlbFrames;
            _hugetlbPmds--;
            _frames[head].MapCount--;
            other.ForgetCachedLeaf();
            FlushTlbRange(other, haddr, haddr + HugeSize, hugeStride: true);
            if (other.Find(haddr) is { } vma)
            {
                vma.HugetlbUnmapped = true;
            }
        }
    }

    /// <summary>Zap of one PTE of a hugetlb PMD: the PMD goes with its head; the page goes back to the pool when nothing maps or holds it.</summary>
    private void ZapHugetlbPte(AddressSpace m, int pfn, ulong va)
    {
        if (IsGiantPfn(pfn))
        {
            ZapGiantPte(m, pfn, va);
            return;
        }

        m.HugetlbPages--;
        if ((pfn & (HugetlbFrames - 1)) != 0)
        {
            return;
        }

        _hugetlbPmds--;
        if (--_frames[pfn].MapCount == 0 && _frames[pfn].Owner < 0)
        {
            FreeHugetlbPage(pfn);
        }
    }

    /// <summary>copy_hugetlb_page_range for a private mapping: each page write-protected in both and shared.</summary>
    private void CopyHugetlbPtes(AddressSpace parent, AddressSpace child, Vma vma)
    {
        if (vma.HugetlbGiant)
        {
            CopyGiantPtes(parent, child, vma);
            return;
        }

        for (var haddr = vma.Start; haddr < vma.End; haddr += HugeSize)
        {
            if (parent.Tables.FindLeaf(haddr) is not { } leaf || (leaf[0] & Pte.Present) == 0)
            {
                continue;
            }

            var target = child.Tables.GetOrCreateLeaf(haddr);
            for (var j = 0; j < HugetlbFrames; j++)
            {
                leaf[j] &= ~Pte.Write;
                target[j] = leaf[j];
            }

            _frames[Pte.Frame(leaf[0])].MapCount++;
            child.HugetlbPages += HugetlbFrames;
            _hugetlbPmds++;
        }
    }

    /// <summary>Hugetlb pages of <paramref name="vma"/> that <paramref name="m"/> maps, in base pages.</summary>
    private long HugetlbMapped(AddressSpace m, Vma vma)
    {
        long pages = 0;
        for (var haddr = vma.Start; haddr < vma.End; haddr += HugeSize)
        {
            if (m.Tables.FindLeaf(haddr) is { } leaf && (leaf[0] & Pte.Present) != 0)
            {
                pages += HugetlbFrames;
            }
        }

        return pages;
    }

    /// <summary>smaps_hugetlb_range: a page mapped by more than one mm is Shared_Hugetlb, else Private_Hugetlb.</summary>
    private void GatherHugetlbSmaps(AddressSpace m, Vma vma, ulong[] c)
    {
        if (vma.HugetlbGiant)
        {
            GatherGiantSmaps(m, vma, c);
            return;
        }

        for (var haddr = vma.Start; haddr < vma.End; haddr += HugeSize)
        {
            if (m.Tables.FindLeaf(haddr) is { } leaf && (leaf[0] & Pte.Present) != 0)
            {
                c[_frames[Pte.Frame(leaf[0])].MapCount > 1 ? 13 : 14] += HugeSize;
            }
        }
    }

    /// <summary>The page size of hugetlb VMA <paramref name="vma"/> (smaps KernelPageSize, numa_maps kernelpagesize_kB).</summary>
    private ulong HugetlbPageSizeOf(Vma vma) => vma.HugetlbGiant ? GiganticPages.Size : HugeSize;

    /// <summary>True for a present PTE of a hugetlb page (not a transparent huge page).</summary>
    private bool IsHugetlbPte(ulong pte) =>
        (pte & (Pte.Present | Pte.Huge | Pte.Zero)) == (Pte.Present | Pte.Huge) && _frames[Pte.Frame(pte)].Kind == FrameKind.Hugetlb;

    /// <summary>
    /// The pool page a hugetlb fault at <paramref name="addr"/> maps (hugetlb_no_page, for a pool
    /// of pages of 2^<paramref name="shift"/> bytes): a shared mapping's file page, taken from the
    /// pool (its reservation used) on the first fault; a private mapping's own page, from the
    /// owner's reservation when it has one, and the VMA gets its anon_vma. -1 when the pool has no
    /// page (SIGBUS). <paramref name="writable"/>: a shared page as the VMA allows, a private one
    /// only for a write (a private read maps the page read-only).
    /// </summary>
    private int PoolPageForFault(
        AddressSpace m, Vma vma, ulong addr, bool write, int shift,
        Dictionary<int, HugetlbFile> files, HashSet<(int, ulong)> privateResv, Func<bool, int> take, out bool writable)
    {
        int head;
        writable = vma.Write && vma.Shared;
        if (vma.Object is { } obj && files.TryGetValue(obj.Id, out var file))
        {
            var index = (int)(((vma.PageOffset << _pageShift) + (addr - vma.Start)) >> shift);
            head = file.Pages[index];
            if (head < 0)
            {
                head = take(file.Reserved[index]);
                if (head < 0)
                {
                    return -1;
                }

                file.Reserved[index] = false;
                file.Pages[index] = head;
                _frames[head].Owner = obj.Id;
            }

            return head;
        }

        var reserved = vma.HugetlbOwner && privateResv.Remove((m.Id, addr));
        head = take(reserved);
        if (head < 0)
        {
            return -1;
        }

        writable = vma.Write && write;
        VmaList.SetAnonVma(m, vma);
        return head;
    }
}
