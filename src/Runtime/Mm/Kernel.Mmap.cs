namespace MemScript.Runtime.Mm;

/// <summary>
/// mmap and munmap (mmap.c), brk. A request is checked against `limit as`
/// (VmSize), `limit data` (VmData) and overcommit before anything changes;
/// refusal is ENOMEM with no other effect. Private writable mappings charge
/// their VMA to Committed_AS; shared anonymous memory charges its shmem
/// object (once, whoever maps it); read-only and noreserve mappings charge
/// nothing. MAP_FIXED (a non-zero address) unmaps what was there first.
/// munmap zaps the PTEs, drops the VMAs (splitting at the ends), then frees
/// the page tables no VMA uses any more (free_pgtables).
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>Returns the start address, or 0 with <paramref name="error"/> set. Populate faults are counted as minflt.</summary>
    public ulong Mmap(int mm, in MmapRequest request, out Errno error)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        var length = PageAlign(request.Length);
        MemObject? obj = null;
        var kind = request.Kind == MapKind.AnonPrivate && request.Shared ? MapKind.AnonShared : request.Kind;
        switch (kind)
        {
            case MapKind.File:
                obj = ObjectOf(request.ObjectId, MapKind.File);
                break;
            case MapKind.SysVShm:
                obj = ObjectOf(request.ObjectId, MapKind.SysVShm);
                if (obj is not null)
                {
                    length = PageAlign(obj.Size); // shmat maps the whole segment
                }

                break;
        }

        if (length == 0 || (request.FileOffset & (PageSize - 1)) != 0 || (request.Address & (PageSize - 1)) != 0
            || (kind is MapKind.File or MapKind.SysVShm && obj is null) || !m.Alive)
        {
            error = Errno.EINVAL;
            return 0;
        }

        var huge = request.Huge || (obj is not null && (_hugetlbFiles.ContainsKey(obj.Id) || _giantFiles.ContainsKey(obj.Id)));
        var giant = huge && (request.HugeGiant || (obj is not null && _giantFiles.ContainsKey(obj.Id)));
        if (huge)
        {
            var mask = giant ? GiantMask : HugeMask;
            length = (length + mask) & ~mask;
        }

        var shared = request.Shared || kind is MapKind.AnonShared or MapKind.SysVShm;
        var accounted = request.Write && !shared && !request.NoReserve && !huge;   // hugetlb is not in Committed_AS
        var countsAsData = request.Write && !shared;
        var start = request.Address != 0 ? request.Address
            : giant ? VmaList.GetUnmappedArea(m, length, GiganticPages.Size)
            : VmaList.GetUnmappedArea(m, length, huge || VmaList.AlignsToHugePage(m, length, shared));
        if (start == 0 || start + length > UserSpaceEnd || start + length < start)
        {
            error = Errno.ENOMEM;
            return 0;
        }

        var replaced = request.Address != 0 ? MappedBytes(m, start, start + length, dataOnly: false) : 0;
        var replacedData = request.Address != 0 ? MappedBytes(m, start, start + length, dataOnly: true) : 0;
        if ((m.LimitAs is { } limitAs && m.VmSize() - replaced + length > limitAs)
            || (countsAsData && m.LimitData is { } limitData && m.VmData() - replacedData + length > limitData))
        {
            error = Errno.ENOMEM;
            return 0;
        }

        var chargePages = (long)(length >> _pageShift);
        var chargeVma = accounted;
        var chargeObject = kind == MapKind.AnonShared && !request.NoReserve && !huge;
        if ((chargeVma || chargeObject) && !_commit.TryCharge(chargePages))
        {
            error = Errno.ENOMEM;
            return 0;
        }

        if (request.Address != 0)
        {
            UnmapRange(m, start, start + length);
        }

        if (kind == MapKind.AnonShared)
        {
            obj = NewObject(MapKind.AnonShared, huge ? "/anon_hugepage (deleted)" : "/dev/zero (deleted)", length);
            obj.CommittedPages = chargeObject ? chargePages : 0;
        }

        if (request.Huge && !(giant ? ReserveGiant(m, start, length, obj) : ReserveHugetlb(m, start, length, obj)))
        {
            if (obj is not null)
            {
                obj.Destroyed = true;
            }

            error = Errno.ENOMEM;
            return 0;
        }

        var vma = new Vma
        {
            PageShift = _pageShift,
            Start = start,
            End = start + length,
            Read = request.Read,
            Write = request.Write,
            Exec = request.Exec,
            Shared = shared,
            NoReserve = request.NoReserve,
            Accounted = chargeVma,
            Kind = kind,
            Role = VmaRole.Mmap,
            Object = obj,
            PageOffset = request.FileOffset >> _pageShift,
            Ra = kind == MapKind.File ? new FileRaState() : null,
            Hugetlb = huge,
            HugetlbGiant = giant,
            HugetlbOwner = huge && !shared,
        };
        if (obj is not null)
        {
            obj.MapRefs++;
        }

        VmaList.Insert(m, vma);
        KhugepagedEnterVma(m, vma);   // __mmap_region
        if (request.Populate)
        {
            LastSyscallCostNs += Populate(m, start, start + length);
        }

        error = Errno.Ok;
        return start;
    }

    /// <summary>The gap-tree nodes <paramref name="mm"/>'s free-range searches have visited so far (<see cref="VmaTree.NodesVisited"/>).</summary>
    internal long VmaNodesVisited(int mm) => _mms[mm].Vmas.NodesVisited;

    public Errno Munmap(int mm, ulong address, ulong length)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if ((address & (PageSize - 1)) != 0 || length == 0 || address + PageAlign(length) > UserSpaceEnd || !m.Alive)
        {
            return Errno.EINVAL;
        }

        var end = address + PageAlign(length);
        if (m.Find(address) is { Hugetlb: true } hugetlb)
        {
            var mask = hugetlb.HugetlbGiant ? GiantMask : HugeMask;
            if ((address & mask) != 0)
            {
                return Errno.EINVAL;   // a hugetlb VMA splits on its page size only
            }

            end = (end + mask) & ~mask;
        }

        var giant = m.Find(address) is { HugetlbGiant: true };
        var pages = UnmapRange(m, address, end);
        LastSyscallCostNs = (giant ? pages / GiantFrames : pages) * Costs.MunmapPerPage;   // a 1 GiB page is one PUD entry to clear
        return Errno.Ok;
    }

    /// <summary>sys_brk: returns the new break (the old one when refused, as the kernel does).</summary>
    public ulong SetBrk(int mm, ulong newBrk)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if (newBrk < m.HeapStart || !m.Alive)
        {
            return m.Brk;
        }

        var oldEnd = PageAlign(m.Brk);
        var newEnd = PageAlign(newBrk);
        if (newEnd < oldEnd)
        {
            LastSyscallCostNs = UnmapRange(m, newEnd, oldEnd) * Costs.MunmapPerPage;
        }
        else if (newEnd > oldEnd)
        {
            var growth = newEnd - oldEnd;
            if (m.AnyVmaIn(oldEnd, newEnd)
                || (m.LimitAs is { } limitAs && m.VmSize() + growth > limitAs)
                || (m.LimitData is { } limitData && m.VmData() + growth > limitData)
                || !_commit.TryCharge((long)(growth >> _pageShift)))
            {
                return m.Brk;
            }

            // A new rw piece, merged with the heap below only if that is compatible
            // (not after mprotect made it read-only, as vma_merge decides).
            VmaList.Insert(m, new Vma
            {
                PageShift = _pageShift,
                Start = oldEnd,
                End = newEnd,
                Read = true,
                Write = true,
                Kind = MapKind.AnonPrivate,
                Role = VmaRole.Heap,
                Accounted = true,
            });
            m.CachedVma = null;
        }

        m.Brk = newBrk;
        return newBrk;
    }

    /// <summary>Unmaps [start, end): zaps, uncharges, drops VMAs, frees unused tables. Returns the pages unmapped.</summary>
    private long UnmapRange(AddressSpace m, ulong start, ulong end, bool fullMm = false)
    {
        SplitHugeAt(m, start);
        SplitHugeAt(m, end);
        VmaList.SplitAt(m, start);
        VmaList.SplitAt(m, end);
        long pages = 0;
        var i = m.IndexAbove(start);
        while (i < m.Vmas.Count && m.Vmas[i].Start < end)
        {
            var vma = m.Vmas[i];
            Zap(m, vma.Start, vma.End);
            if (vma.Hugetlb)
            {
                ReleaseHugetlbReservations(m, vma);
            }

            pages += (long)vma.Pages;
            if (vma.Accounted)
            {
                _commit.Uncharge((long)vma.Pages);
            }

            m.Vmas.RemoveAt(i);
            m.AnonVmas -= VmaList.AnonVmaOf(vma);
            if (vma.Object is not null)
            {
                vma.Object.MapRefs--;
                ReleaseObjectIfUnused(vma.Object);
            }
        }

        m.Tables.FreeUnused(start, end, m.AnyVmaIn);
        m.ForgetCachedLeaf();
        if (fullMm)
        {
            DropGather(m);
            FlushTlbMm(m);   // exit_mmap: tlb_gather_mmu_fullmm
        }
        else
        {
            FinishGather(m);
        }

        return pages;
    }

    /// <summary>MAP_POPULATE: faults every page of [start, end) in; returns the cost (stops when the OOM killer takes the mm).</summary>
    private long Populate(AddressSpace m, ulong start, ulong end)
    {
        long cost = 0;
        for (var va = start; va < end; va += PageSize)
        {
            var vma = m.Find(va);
            if (vma is null || !(vma.Read || vma.Write || vma.Exec))
            {
                continue;
            }

            var leaf = m.Tables.FindLeaf(va);
            var i = (int)(va >> _pageShift) & _pteMask;
            var pte = leaf is null ? 0 : leaf[i];

            // A fresh page of a read-only private anonymous mapping gets a
            // zeroed frame of its own, not the zero page (measured on 6.18,
            // docs/probes/populate_ro.c): it is faulted as a write and left
            // read-only.
            var freshReadOnlyAnon = !vma.Write && vma.Kind == MapKind.AnonPrivate && pte == 0;
            var kind = (vma.Write && !vma.Shared) || freshReadOnlyAnon ? AccessKind.Write : AccessKind.Read;
            if ((pte & Pte.Present) != 0 && (kind == AccessKind.Read || (pte & Pte.Write) != 0))
            {
                continue;
            }

            _frames.PendingNeed = (long)((end - va) >> _pageShift);
            try
            {
                var result = HandleFault(m, vma, va, kind, populate: true, ref cost);
                if (result is FaultResult.Bus or FaultResult.OomKilled)
                {
                    break;
                }

                if (freshReadOnlyAnon && result == FaultResult.Minor)
                {
                    m.Tables.FindLeaf(va)![i] &= ~Pte.Write;   // the mapping stays read-only
                }
            }
            finally
            {
                _frames.PendingNeed = 1;
            }
        }

        return cost;
    }

    private static ulong MappedBytes(AddressSpace m, ulong start, ulong end, bool dataOnly)
    {
        ulong total = 0;
        for (var i = m.IndexAbove(start); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            var vma = m.Vmas[i];
            if (!dataOnly || vma.CountsAsData)
            {
                total += Math.Min(end, vma.End) - Math.Max(start, vma.Start);
            }
        }

        return total;
    }
}
