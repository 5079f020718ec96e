namespace MemScript.Runtime.Mm;

/// <summary>
/// The 1 GiB hstate (mm/hugetlb.c with <c>hugepagesz=1G hugepages=N</c>):
/// the pool <c>hugepages N size 1G</c> takes from memblock at boot
/// (GiganticPages.cs), and the MAP_HUGETLB | MAP_HUGE_1GB mappings that
/// <c>mmap SIZE huge 1G</c> makes from it.
/// <code>
/// pool        N pages of 262144 frames each in the frames reserved at boot
///             (out of MemTotal); never grown or shrunk at run time:
///             vm.nr_hugepages sizes the default hstate only, and a gigantic
///             page is never freed to the buddy allocator
/// mmap        the length rounded up to 1 GiB, the start 1 GiB-aligned
///             (hugetlb_get_unmapped_area); hugetlb_reserve_pages reserves one
///             page per GiB, ENOMEM when free - reserved cannot cover it
/// fault       one fault per 1 GiB: a pool page (the reservation consumed),
///             zeroed, mapped by one PUD entry; no PMD or PTE table is
///             allocated, so VmPTE and PageTables do not change (the model's
///             PTE arrays under the entry take no frame: PageTables.MapGiant)
/// fork        a private page is write-protected and shared; a COW write
///             copies it into a free pool page, SIGBUS when there is none
/// munmap/exit the page goes back to the pool, unused reservations go
/// </code>
/// /proc/meminfo's HugePages_* lines and Hugepagesize describe the default
/// hstate only; Hugetlb sums both; the 1 GiB pool's own counters are
/// /sys/kernel/mm/hugepages/hugepages-1048576kB/ (<see cref="GiantPool"/>).
/// The TLB keeps 1 GiB entries for these pages (TlbSet.MapGiant).
/// </summary>
internal sealed partial class Kernel
{
    private const ulong GiantMask = GiganticPages.Size - 1;

    /// <summary>The free 1 GiB pages, by head frame; the last freed is the first taken.</summary>
    private readonly Stack<int> _giantFree = new();

    /// <summary>Reservations of private 1 GiB mappings not yet consumed: (owner mm, page address).</summary>
    private readonly HashSet<(int Mm, ulong Gaddr)> _giantPrivateResv = [];

    /// <summary>The hugetlbfs files behind shared 1 GiB mappings, by object id.</summary>
    private readonly Dictionary<int, HugetlbFile> _giantFiles = [];

    /// <summary>Base pages of 1 GiB pages each mm maps (the part of its HugetlbPages no PTE table stands for).</summary>
    private readonly Dictionary<int, long> _giantMapped = [];

    private readonly List<ulong[]> _giantLeaves = [];
    private int _giantBase;
    private long _giantTotal;
    private long _giantReserved;

    /// <summary>Base pages of a 1 GiB page (262144 with 4 KiB pages).</summary>
    private int GiantFrames => (int)(GiganticPages.Size >> _pageShift);

    /// <summary>The default hstate's nr_hugepages, free_hugepages, resv_hugepages and surplus_hugepages (/sys/kernel/mm/hugepages/hugepages-2048kB/).</summary>
    public (long Total, long Free, long Reserved, long Surplus) DefaultPool => (HugetlbTotal, HugetlbFree, HugetlbReserved, HugetlbSurplus);

    /// <summary>/sys/kernel/mm/hugepages/hugepages-1048576kB/: nr_hugepages, free_hugepages, resv_hugepages, surplus_hugepages (always 0).</summary>
    public (long Total, long Free, long Reserved, long Surplus) GiantPool => (_giantTotal, _giantFree.Count, _giantReserved, 0);

    /// <summary>The boot pool's pages become mappable: they lie right above the kernel's own reservation.</summary>
    private void BootGiantPool()
    {
        if (_giganticFrames < GiantFrames || _geometry.Is32Bit || PageSize != 4096)
        {
            return;
        }

        _giantBase = (int)(_frames.KernelFrames - _giganticFrames);
        _giantTotal = _giganticFrames / GiantFrames;
        _frames.MaterializeGigantic(_giantBase, (int)(_giantTotal * GiantFrames));
        for (var i = _giantTotal - 1; i >= 0; i--)
        {
            _giantFree.Push(_giantBase + (int)(i * GiantFrames));
        }
    }

    private bool IsGiantPfn(int pfn) => _giantTotal > 0 && pfn >= _giantBase && pfn < _giantBase + (_giantTotal * GiantFrames);

    private bool IsGiantHead(int pfn) => (pfn - _giantBase) % GiantFrames == 0;

    private long GiantMapped(AddressSpace m) => _giantMapped.GetValueOrDefault(m.Id);

    private void AddGiantMapped(AddressSpace m, long pages) => _giantMapped[m.Id] = GiantMapped(m) + pages;

    /// <summary>hugetlb_reserve_pages for a 1 GiB mapping of [start, start + length); false (ENOMEM) when the pool cannot cover it.</summary>
    private bool ReserveGiant(AddressSpace m, ulong start, ulong length, MemObject? file)
    {
        var pages = (long)(length >> 30);
        if (_giantFree.Count - _giantReserved < pages)
        {
            return false;
        }

        _giantReserved += pages;
        if (file is not null)
        {
            _giantFiles[file.Id] = new HugetlbFile(pages);
            return true;
        }

        for (var gaddr = start; gaddr < start + length; gaddr += GiganticPages.Size)
        {
            _giantPrivateResv.Add((m.Id, gaddr));
        }

        return true;
    }

    /// <summary>hugetlb_vm_op_close for a private 1 GiB mapping's part: its unused reservations go.</summary>
    private void ReleaseGiantReservations(AddressSpace m, Vma vma)
    {
        for (var gaddr = vma.Start; gaddr < vma.End; gaddr += GiganticPages.Size)
        {
            if (_giantPrivateResv.Remove((m.Id, gaddr)))
            {
                _giantReserved--;
            }
        }
    }

    /// <summary>The last mapping of a shared 1 GiB file went: its pages go back to the pool, its reservations are released.</summary>
    private void ReleaseGiantFile(MemObject obj)
    {
        if (!_giantFiles.Remove(obj.Id, out var file))
        {
            return;
        }

        for (var i = 0; i < file.Pages.Length; i++)
        {
            if (file.Pages[i] >= 0)
            {
                FreeGiantPage(file.Pages[i]);
            }
            else if (file.Reserved[i])
            {
                _giantReserved--;
            }
        }
    }

    /// <summary>A pool page for a fault: the reservation consumed when there is one, else an unreserved free page; -1 when none.</summary>
    private int TakeGiantPage(bool reserved)
    {
        if (reserved)
        {
            _giantReserved--;
        }
        else if (_giantFree.Count - _giantReserved <= 0)
        {
            return -1;
        }

        var head = _giantFree.Pop();
        for (var j = 0; j < GiantFrames; j++)
        {
            _frames[head + j].Stamp = 0;   // the page is zeroed (folio_zero_user)
        }

        return head;
    }

    private void FreeGiantPage(int head)
    {
        _frames[head].Owner = -1;
        _giantFree.Push(head);
    }

    /// <summary>hugetlb_fault on a 1 GiB mapping: maps the page at <paramref name="va"/> with one PUD entry, or breaks its COW.</summary>
    private FaultResult GiantFault(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        var gaddr = va & ~GiantMask;
        var write = kind == AccessKind.Write;
        _giantLeaves.Clear();
        m.Tables.GiantLeaves(gaddr, _giantLeaves);
        if (_giantLeaves.Count > 0 && (_giantLeaves[0][0] & Pte.Present) != 0)
        {
            var pte = GiantPte(va);
            if (!write || (pte & Pte.Write) != 0)
            {
                return FaultResult.Hit;
            }

            return GiantWriteProtectFault(m, vma, gaddr, va, kind, populate, ref costNs);
        }

        if (vma.HugetlbUnmapped)
        {
            return FaultResult.Bus;
        }

        if (!Reserve(m.Id, m.Tables.MissingGiantTables(gaddr), ref costNs) || !m.Alive)
        {
            return FaultResult.OomKilled;
        }

        var head = PoolPageForFault(m, vma, gaddr, write, 30, _giantFiles, _giantPrivateResv, TakeGiantPage, out var writable);
        if (head < 0)
        {
            return FaultResult.Bus;
        }

        if (_giantLeaves.Count == 0)
        {
            m.Tables.MapGiant(gaddr, _giantLeaves);
        }

        MapGiantPage(m, vma, gaddr, head, writable);
        if (write)
        {
            StampGiant(va);
        }

        return HugeFaultDone(m, vma, va, kind, populate, Costs.GiganticFault, ref costNs);
    }

    /// <summary>The PTE standing for <paramref name="va"/> in <see cref="_giantLeaves"/>.</summary>
    private ulong GiantPte(ulong va) => _giantLeaves[(int)((va & GiantMask) >> _leafShift)][(int)(va >> _pageShift) & _pteMask];

    private void StampGiant(ulong va)
    {
        var leaf = _giantLeaves[(int)((va & GiantMask) >> _leafShift)];
        var i = (int)(va >> _pageShift) & _pteMask;
        leaf[i] = StampWrite(leaf[i]);
    }

    /// <summary>Fills the PUD entry (every PTE of the arrays under it) with <paramref name="head"/>'s frames.</summary>
    private void MapGiantPage(AddressSpace m, Vma vma, ulong gaddr, int head, bool writable)
    {
        var flags = Pte.Permissions(vma) | Pte.Huge | Pte.Accessed | (writable ? Pte.Write | Pte.Dirty : 0);
        var pfn = head;
        foreach (var leaf in _giantLeaves)
        {
            for (var j = 0; j < leaf.Length; j++, pfn++)
            {
                leaf[j] = Pte.Make(pfn, flags, _frames[pfn].Stamp & Pte.StampMask);
            }
        }

        _frames[head].MapCount++;
        m.HugetlbPages += GiantFrames;
        AddGiantMapped(m, GiantFrames);
        m.Tlb.MapGiant(gaddr);
        m.ForgetCachedLeaf();
    }

    /// <summary>hugetlb_wp on a 1 GiB page: reuse it when shared or exclusive, else copy it into a free pool page (SIGBUS when none is free).</summary>
    private FaultResult GiantWriteProtectFault(AddressSpace m, Vma vma, ulong gaddr, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        var old = Pte.Frame(_giantLeaves[0][0]);
        if (vma.Shared || _frames[old].MapCount == 1)
        {
            foreach (var leaf in _giantLeaves)
            {
                for (var j = 0; j < leaf.Length; j++)
                {
                    leaf[j] |= Pte.Write | Pte.Dirty;
                }
            }

            StampGiant(va);
            return HugeFaultDone(m, vma, va, kind, populate, Costs.AnonFault, ref costNs);
        }

        var head = TakeGiantPage(reserved: false);
        if (head < 0)
        {
            return FaultResult.Bus;
        }

        var flags = Pte.Permissions(vma) | Pte.Huge | Pte.Accessed | Pte.Write | Pte.Dirty;
        var offset = 0;
        foreach (var leaf in _giantLeaves)
        {
            for (var j = 0; j < leaf.Length; j++, offset++)
            {
                var stamp = _frames[old + offset].Stamp;
                _frames[head + offset].Stamp = stamp;   // copy_user_large_folio
                leaf[j] = Pte.Make(head + offset, flags, stamp & Pte.StampMask);
            }
        }

        _frames[head].MapCount = 1;
        _frames[old].MapCount--;
        StampGiant(va);
        m.ForgetCachedLeaf();
        FlushTlbRange(m, gaddr, gaddr + GiganticPages.Size, hugeStride: true);
        return HugeFaultDone(m, vma, va, kind, populate, Costs.GiganticFault, ref costNs);
    }

    /// <summary>Zap of one PTE standing for a 1 GiB page: the PUD entry goes with its head; the page goes back to the pool when nothing maps or holds it.</summary>
    private void ZapGiantPte(AddressSpace m, int pfn, ulong va)
    {
        m.HugetlbPages--;
        AddGiantMapped(m, -1);
        if (!IsGiantHead(pfn))
        {
            return;
        }

        m.Tlb.UnmapGiant(va);
        if (--_frames[pfn].MapCount == 0 && _frames[pfn].Owner < 0)
        {
            FreeGiantPage(pfn);
        }
    }

    /// <summary>copy_hugetlb_page_range for a 1 GiB mapping: a private page is write-protected in both and shared.</summary>
    private void CopyGiantPtes(AddressSpace parent, AddressSpace child, Vma vma)
    {
        var copy = new List<ulong[]>();
        for (var gaddr = vma.Start; gaddr < vma.End; gaddr += GiganticPages.Size)
        {
            _giantLeaves.Clear();
            parent.Tables.GiantLeaves(gaddr, _giantLeaves);
            if (_giantLeaves.Count == 0 || (_giantLeaves[0][0] & Pte.Present) == 0)
            {
                continue;
            }

            copy.Clear();
            child.Tables.MapGiant(gaddr, copy);
            for (var t = 0; t < _giantLeaves.Count; t++)
            {
                var leaf = _giantLeaves[t];
                for (var j = 0; j < leaf.Length; j++)
                {
                    if (!vma.Shared)
                    {
                        leaf[j] &= ~Pte.Write;
                    }

                    copy[t][j] = leaf[j];
                }
            }

            _frames[Pte.Frame(_giantLeaves[0][0])].MapCount++;
            child.HugetlbPages += GiantFrames;
            AddGiantMapped(child, GiantFrames);
            child.Tlb.MapGiant(gaddr);
        }
    }

    /// <summary>smaps_hugetlb_range for a 1 GiB mapping: a page mapped by more than one mm is Shared_Hugetlb, else Private_Hugetlb.</summary>
    private void GatherGiantSmaps(AddressSpace m, Vma vma, ulong[] c)
    {
        for (var gaddr = vma.Start; gaddr < vma.End; gaddr += GiganticPages.Size)
        {
            _giantLeaves.Clear();
            m.Tables.GiantLeaves(gaddr, _giantLeaves);
            if (_giantLeaves.Count > 0 && (_giantLeaves[0][0] & Pte.Present) != 0)
            {
                c[_frames[Pte.Frame(_giantLeaves[0][0])].MapCount > 1 ? 13 : 14] += GiganticPages.Size;
            }
        }
    }
}
