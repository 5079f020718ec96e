namespace MemScript.Runtime.Mm;

/// <summary>
/// Transparent huge pages for anonymous memory (mm/huge_memory.c), MODEL.md
/// section 2 with <c>thp</c>. A huge page is represented as the PTE table of
/// its 2 MiB with every entry carrying <see cref="Pte.Huge"/>: the table
/// stands for the PTE table the kernel deposits beside a huge PMD (so VmPTE
/// counts it, as mm_inc_nr_ptes does), and the 512 frames are one order-9
/// buddy block, each an anonymous frame flagged <see cref="FrameFlags.Thp"/>.
/// <code>
/// fault, pmd_none, eligible   read: the huge zero page (thp_zero_page_alloc
///                             the first time), RSS +0; write: an order-9
///                             block (thp_fault_alloc), RssAnon +2 MiB, one
///                             fault; no free block: a direct compaction as
///                             defrag allows (Kernel.Compaction.cs), else
///                             thp_fault_fallback, 4 KiB
/// write to the huge zero page allocate a huge page in its place (6.x
///                             do_huge_zero_wp_pmd); no block: split, 4 KiB
/// write to a shared huge page reuse it whole when this mm alone maps it;
///                             else split the PMD (thp_split_pmd) and copy
///                             the one 4 KiB page written
/// munmap, mprotect, madvise   a huge PMD the range cuts is split first
/// reclaim                     the folio is split (thp_split_page, every
///                             PMD mapping it split), then evicted 4 KiB-wise
/// </code>
/// Eligible (thp_vma_allowable_order): private anonymous, not text or data
/// (file-backed on Linux), not VM_NOHUGEPAGE, <c>thp always</c> or
/// <c>thp madvise</c> with VM_HUGEPAGE, the aligned 2 MiB inside the VMA,
/// not VM_LOCKED (a simplification). AnonHugePages counts the folios mapped
/// by at least one PMD (NR_ANON_THPS), per process the PMD-mapped pages.
/// </summary>
internal sealed partial class Kernel
{
    // HPAGE_PMD_SIZE, _ORDER and _NR of the machine's geometry: 2 MiB, 9, 512 with 4 KiB pages.
    private ulong HugeSize => _geometry.LeafSpan;
    private ulong HugeMask => _geometry.LeafSpan - 1;
    private int HugeOrder => _geometry.HugeOrder;
    private int HugePages => _geometry.PteEntries;

    /// <summary>pageblock_order: min(HPAGE_PMD_ORDER, MAX_PAGE_ORDER), 9 on a 32-bit machine as with 4 KiB pages.</summary>
    private int PageblockOrder => _geometry.Is32Bit ? 9 : Math.Min(HugeOrder, _frames.MaxOrder);

    /// <summary>folio->_entire_mapcount of each PMD-mapped huge page, by head frame.</summary>
    private readonly Dictionary<int, int> _pmdMaps = [];
    private bool _hugeZeroPage;

    /// <summary>meminfo AnonHugePages, in pages.</summary>
    private long AnonHugePmdPages => (long)_pmdMaps.Count * HugePages;

    /// <summary>thp_vma_allowable_order for an anonymous VMA: the mode, the VMA's advice and room for one aligned huge page.</summary>
    private bool ThpEligible(Vma vma)
    {
        if (vma.Kind != MapKind.AnonPrivate || vma.Hugetlb || vma.NoHugePage || vma.Locked || vma.Role is VmaRole.Text or VmaRole.Data)
        {
            return false;
        }

        // A 32-bit machine's PMD page (4 MiB, or 2 MiB with PAE) is not modelled; 16K and 64K pages have a top order as high as their PMD page.
        if (HugeOrder > _frames.MaxOrder || _geometry.Is32Bit)
        {
            return false;
        }

        var mode = Machine.Thp;
        if (mode != "always" && !(mode == "madvise" && vma.HugePage))
        {
            return false;
        }

        return ((vma.Start + HugeMask) & ~HugeMask) + HugeSize <= vma.End;
    }

    /// <summary>
    /// The huge side of a fault (do_huge_pmd_anonymous_page, do_huge_pmd_wp_page):
    /// null when the fault is a 4 KiB one (not eligible, a fallback, or a PMD split
    /// for the 4 KiB path to go on with).
    /// </summary>
    private FaultResult? HugeFault(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        var haddr = va & ~HugeMask;
        if (haddr < vma.Start || haddr + HugeSize > vma.End)
        {
            return null;
        }

        var leaf = m.Tables.FindLeaf(haddr);
        var write = kind == AccessKind.Write;
        if (leaf is null)
        {
            if (!ThpEligible(vma))
            {
                return null;
            }

            KhugepagedEnterVma(m, vma);   // do_huge_pmd_anonymous_page
            var tables = MissingTables(m, haddr);
            if (!write)
            {
                if (!Reserve(m.Id, tables, ref costNs) || !m.Alive)
                {
                    return FaultResult.OomKilled;
                }

                if (!_hugeZeroPage)
                {
                    _hugeZeroPage = true;
                    _vmstat[(int)VmCounter.thp_zero_page_alloc]++;
                }

                leaf = m.Tables.GetOrCreateLeaf(haddr);
                var zero = Pte.Make(0, Pte.Permissions(vma) | Pte.Zero | Pte.Accessed | Pte.Huge, 0);
                Array.Fill(leaf, zero);
                return HugeFaultDone(m, vma, va, kind, populate, Costs.ZeroPageFault, ref costNs);
            }

            if (!Reserve(m.Id, tables + HugePages, ref costNs, tables) || !m.Alive)
            {
                return FaultResult.OomKilled;
            }

            var head = AllocateHugeFolio(vma, m.Id, (long)(haddr >> _pageShift), ref costNs);
            if (head < 0)
            {
                _vmstat[(int)VmCounter.thp_fault_fallback]++;
                return null;
            }

            leaf = m.Tables.GetOrCreateLeaf(haddr);
            MapHuge(m, vma, leaf, head, va);
            return HugeFaultDone(m, vma, va, kind, populate, Costs.ThpFault, ref costNs);
        }

        var first = leaf[0];
        if ((first & Pte.Huge) == 0 || !write)
        {
            return null;
        }

        var i = (int)(va >> _pageShift) & _pteMask;
        if ((leaf[i] & Pte.Write) != 0)
        {
            return null;
        }

        if ((first & Pte.Zero) != 0)
        {
            // do_huge_zero_wp_pmd: a huge page replaces the huge zero page.
            if (!Reserve(m.Id, HugePages, ref costNs, 0) || !m.Alive)
            {
                return FaultResult.OomKilled;
            }

            var head = AllocateHugeFolio(vma, m.Id, (long)(haddr >> _pageShift), ref costNs);
            if (head < 0)
            {
                _vmstat[(int)VmCounter.thp_fault_fallback]++;
                SplitHugePmd(m, leaf, haddr);
                return null;
            }

            MapHuge(m, vma, leaf, head, va);
            FlushTlbRange(m, haddr, haddr + HugeSize, hugeStride: true);
            return HugeFaultDone(m, vma, va, kind, populate, Costs.ThpFault, ref costNs);
        }

        var headPfn = Pte.Frame(first) & ~(HugePages - 1);
        if (_pmdMaps.GetValueOrDefault(headPfn) == 1 && FolioExclusive(headPfn))
        {
            // The folio is this mm's alone: the whole PMD is made writable again.
            for (var j = 0; j < HugePages; j++)
            {
                leaf[j] |= Pte.Write;
            }

            leaf[i] = StampWrite(leaf[i]);
            return HugeFaultDone(m, vma, va, kind, populate, Costs.AnonFault, ref costNs);
        }

        SplitHugePmd(m, leaf, haddr);
        return null;
    }

    private void MapHuge(AddressSpace m, Vma vma, ulong[] leaf, int head, ulong va)
    {
        var flags = Pte.Permissions(vma) | Pte.Write | Pte.Huge | Pte.Accessed | Pte.Dirty;
        for (var j = 0; j < HugePages; j++)
        {
            leaf[j] = Pte.Make(head + j, flags, 0);
        }

        var i = (int)(va >> _pageShift) & _pteMask;
        leaf[i] = StampWrite(leaf[i]);
        m.RssAnon += HugePages;
        _pmdMaps[head] = 1;
        VmaList.SetAnonVma(m, vma);
        _vmstat[(int)VmCounter.thp_fault_alloc]++;
    }

    private FaultResult HugeFaultDone(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, long cost, ref long costNs)
    {
        m.MinFlt++;
        _vmstat[(int)VmCounter.pgfault]++;
        costNs += populate ? Costs.PopulatePerPage : cost;
        m.CachedLeafKey = ulong.MaxValue;
        m.CachedLeaf = null;
        m.Tlb.Fill(va, kind, huge: true);
        return FaultResult.Minor;
    }

    /// <summary>No frame of the folio is mapped elsewhere or held by a swap slot.</summary>
    private bool FolioExclusive(int head)
    {
        for (var j = 0; j < HugePages; j++)
        {
            ref var frame = ref _frames[head + j];
            if (frame.Kind == FrameKind.Anon && frame.MapCount > 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>__split_huge_pmd: the PMD becomes the 512 PTEs of the table (thp_split_pmd); the folio stays whole.</summary>
    private void SplitHugePmd(AddressSpace m, ulong[] leaf, ulong haddr)
    {
        if ((leaf[0] & Pte.Huge) == 0)
        {
            return;
        }

        var zero = (leaf[0] & Pte.Zero) != 0;
        var head = Pte.Frame(leaf[0]) & ~(HugePages - 1);
        for (var j = 0; j < HugePages; j++)
        {
            leaf[j] &= ~Pte.Huge;
        }

        if (!zero)
        {
            PmdUnmapped(head);
        }

        _vmstat[(int)VmCounter.thp_split_pmd]++;
        FlushTlbRange(m, haddr, haddr + HugeSize, hugeStride: true);
        m.CachedLeafKey = ulong.MaxValue;
        m.CachedLeaf = null;
    }

    /// <summary>Splits the huge PMD that <paramref name="address"/> cuts, if it is inside one (not on its boundary).</summary>
    private void SplitHugeAt(AddressSpace m, ulong address)
    {
        if ((address & HugeMask) == 0 || address >= UserSpaceEnd)
        {
            return;
        }

        var haddr = address & ~HugeMask;
        if (m.Tables.FindLeaf(haddr) is { } leaf && (leaf[0] & Pte.Huge) != 0 && !IsHugetlbPte(leaf[0]))
        {
            SplitHugePmd(m, leaf, haddr);
        }
    }

    /// <summary>Splits every huge PMD in [start, end).</summary>
    private void SplitHugeIn(AddressSpace m, ulong start, ulong end)
    {
        for (var haddr = start & ~HugeMask; haddr < end; haddr += HugeSize)
        {
            if (m.Tables.FindLeaf(haddr) is { } leaf && (leaf[0] & Pte.Huge) != 0 && !IsHugetlbPte(leaf[0]))
            {
                SplitHugePmd(m, leaf, haddr);
            }
        }
    }

    private void PmdMapped(int head) => _pmdMaps[head] = _pmdMaps.GetValueOrDefault(head) + 1;

    private void PmdUnmapped(int head)
    {
        if (_pmdMaps.TryGetValue(head, out var count))
        {
            if (count <= 1)
            {
                _pmdMaps.Remove(head);
            }
            else
            {
                _pmdMaps[head] = count - 1;
            }
        }
    }

    /// <summary>
    /// split_folio before reclaim (thp_split_page): every PMD that maps the folio is
    /// split, and its frames become 512 small pages.
    /// </summary>
    private void SplitHugeFolio(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if ((frame.Flags & FrameFlags.Thp) == 0)
        {
            return;
        }

        var head = pfn & ~(HugePages - 1);
        var haddr = ((ulong)frame.Index << _pageShift) - ((ulong)(pfn - head) << _pageShift);
        foreach (var mm in _mms[frame.Owner].Family)
        {
            if (mm.Alive && mm.Tables.FindLeaf(haddr) is { } leaf && (leaf[0] & (Pte.Huge | Pte.Present | Pte.Zero)) == (Pte.Huge | Pte.Present)
                && Pte.Frame(leaf[0]) == head)
            {
                SplitHugePmd(mm, leaf, haddr);
            }
        }

        for (var j = 0; j < HugePages; j++)
        {
            _frames[head + j].Flags &= ~FrameFlags.Thp;
        }

        _vmstat[(int)VmCounter.thp_split_page]++;
    }

}
