namespace MemScript.Runtime.Mm;

/// <summary>
/// khugepaged's scan and collapse (mm/khugepaged.c, Linux 6.18), with the
/// kernel's defaults (/sys/kernel/mm/transparent_hugepage/khugepaged/):
/// <code>
/// pages_to_scan 4096        HPAGE_PMD_NR * 8 PTEs (or VMAs) a pass
/// scan_sleep_millisecs      10000 between passes; alloc_sleep_millisecs
///                           60000 after a failed huge-page allocation
/// max_ptes_none 511         empty (or zero-page) PTEs a range may have
/// max_ptes_swap 64          swap PTEs (swapped in first, major faults)
/// max_ptes_shared 256       PTEs of pages other mms map too
/// </code>
/// An mm enters the list (__khugepaged_enter, at its tail) when one of its
/// VMAs becomes eligible: <c>madvise hugepage</c>, a fault in an eligible
/// VMA, an mmap under <c>thp always</c>, a fork of an mm on the list; it
/// leaves at exit. A pass (khugepaged_do_scan) resumes the cursor
/// (khugepaged_scan: an mm and an address): in each eligible VMA, each
/// 2 MiB-aligned range inside it is scanned (hpage_collapse_scan_pmd),
/// progress +512, +1 for the mm and for each VMA skipped; a range whose PMD
/// has no PTE table or is already huge is passed over. A range that passes
/// (none, swap and shared under their limits, at least one PTE writable,
/// one young, or half of them when some are swapped) is collapsed
/// (collapse_huge_page): an order-9 block, compacting directly as
/// khugepaged's defrag 1 allows (thp_collapse_alloc, or
/// thp_collapse_alloc_failed and the pass sleeps 60 s, then stops at a
/// second failure), the pages copied in, empty PTEs filled with zeroed
/// pages (RssAnon grows by them), the old pages freed where nothing else
/// maps them, one PMD maps it with the PTE table deposited
/// (pages_collapsed). When the cursor passes the last mm, full_scans counts.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>scan_sleep_millisecs and alloc_sleep_millisecs, in ns.</summary>
    internal const long KhugepagedScanSleepNs = 10_000_000_000;
    internal const long KhugepagedAllocSleepNs = 60_000_000_000;

    private readonly List<AddressSpace> _khugepagedMms = [];
    private int _khugepagedCursor = -1;
    private ulong _khugepagedAddress;

    /// <summary>A pass cut by an allocation failure: the progress it had made and its passes through the list's head (-1: none).</summary>
    private int _khugepagedResumeProgress = -1;
    private int _khugepagedResumeHeads;

    /// <summary>/sys/kernel/mm/transparent_hugepage/khugepaged/pages_collapsed.</summary>
    public long KhugepagedPagesCollapsed { get; private set; }

    /// <summary>/sys/kernel/mm/transparent_hugepage/khugepaged/full_scans.</summary>
    public long KhugepagedFullScans { get; private set; }

    /// <summary>HPAGE_PMD_NR: the base pages of a PMD-level huge page.</summary>
    public int HugePageFrames => HugePages;

    private int KhugepagedPagesToScan => HugePages * 8;

    private int MaxPtesNone => HugePages - 1;

    private int MaxPtesSwap => HugePages / 8;

    private int MaxPtesShared => HugePages / 2;

    /// <summary>khugepaged_has_work: the thread runs and its list holds an mm.</summary>
    public bool KhugepagedHasWork => KhugepagedRuns && _khugepagedMms.Count > 0;

    /// <summary>hugepage_pmd_enabled and the <c>khugepaged</c> setting.</summary>
    private bool KhugepagedRuns => Machine.Khugepaged && Machine.Thp != "never" && HugeOrder <= _frames.MaxOrder && !_geometry.Is32Bit;

    /// <summary>khugepaged_enter_vma: the mm joins the list when <paramref name="vma"/> is eligible for a huge page.</summary>
    private void KhugepagedEnterVma(AddressSpace m, Vma vma)
    {
        if (KhugepagedRuns && m.Alive && !_khugepagedMms.Contains(m) && ThpEligible(vma))
        {
            _khugepagedMms.Add(m);
        }
    }

    /// <summary>khugepaged_fork: a child of an mm on the list joins it.</summary>
    private void KhugepagedFork(AddressSpace parent, AddressSpace child)
    {
        if (_khugepagedMms.Contains(parent) && !_khugepagedMms.Contains(child))
        {
            _khugepagedMms.Add(child);
        }
    }

    /// <summary>__khugepaged_exit: the mm leaves the list; a cursor on it moves to the next mm.</summary>
    private void KhugepagedExit(AddressSpace m)
    {
        var index = _khugepagedMms.IndexOf(m);
        if (index < 0)
        {
            return;
        }

        _khugepagedMms.RemoveAt(index);
        if (_khugepagedCursor == index)
        {
            _khugepagedAddress = 0;
            if (index >= _khugepagedMms.Count)
            {
                _khugepagedCursor = -1;
            }
        }
        else if (_khugepagedCursor > index)
        {
            _khugepagedCursor--;
        }
    }

    /// <summary>
    /// One khugepaged_do_scan: up to pages_to_scan PTEs from the cursor on. When an
    /// allocation fails the pass stops with <see cref="KhugepagedPass.AllocSleep"/> (the
    /// thread sleeps alloc_sleep_millisecs) and the next call resumes it; a second failure ends it.
    /// </summary>
    public KhugepagedPass KhugepagedScan()
    {
        var pass = new KhugepagedPass();
        var pages = KhugepagedPagesToScan;
        var progress = 0;
        var heads = 0;
        var wait = true;
        if (_khugepagedResumeProgress >= 0)
        {
            progress = _khugepagedResumeProgress;
            heads = _khugepagedResumeHeads;
            wait = false;
            _khugepagedResumeProgress = -1;
        }

        long cost = 0;
        while (true)
        {
            if (_khugepagedCursor < 0)
            {
                heads++;
            }

            var allocFailed = false;
            if (KhugepagedHasWork && heads < 2)
            {
                progress += KhugepagedScanMm(pages - progress, pass, ref cost, out allocFailed);
            }
            else
            {
                progress = pages;
            }

            if (progress >= pages)
            {
                break;
            }

            if (allocFailed)
            {
                if (!wait)
                {
                    break;
                }

                _khugepagedResumeProgress = progress;
                _khugepagedResumeHeads = heads;
                pass.AllocSleep = true;
                break;
            }
        }

        pass.CostNs = cost;
        return pass;
    }

    /// <summary>khugepaged_scan_mm_slot: scans the cursor's mm from the cursor's address; returns the progress.</summary>
    private int KhugepagedScanMm(int pages, KhugepagedPass pass, ref long cost, out bool allocFailed)
    {
        allocFailed = false;
        if (_khugepagedCursor < 0)
        {
            _khugepagedCursor = 0;
            _khugepagedAddress = 0;
        }

        var m = _khugepagedMms[_khugepagedCursor];
        var progress = 1;
        var finished = true;
        for (var v = 0; v < m.Vmas.Count && finished; v++)
        {
            var vma = m.Vmas[v];
            if (vma.End <= _khugepagedAddress)
            {
                continue;
            }

            if (!ThpEligible(vma))
            {
                progress++;
                continue;
            }

            var hstart = (vma.Start + HugeMask) & ~HugeMask;
            var hend = vma.End & ~HugeMask;
            if (_khugepagedAddress > hend)
            {
                progress++;
                continue;
            }

            if (_khugepagedAddress < hstart)
            {
                _khugepagedAddress = hstart;
            }

            while (_khugepagedAddress < hend)
            {
                var result = KhugepagedScanPmd(m, vma, _khugepagedAddress, pass, ref cost);
                _khugepagedAddress += HugeSize;
                progress += HugePages;
                if (result != CollapseResult.Skipped)
                {
                    // collapse_huge_page dropped mmap_lock: the scan of this mm stops here for now.
                    allocFailed = result == CollapseResult.AllocFailed;
                    finished = false;
                    break;
                }

                if (progress >= pages)
                {
                    finished = false;
                    break;
                }
            }
        }

        if (finished)
        {
            if (_khugepagedCursor + 1 < _khugepagedMms.Count)
            {
                _khugepagedCursor++;
                _khugepagedAddress = 0;
            }
            else
            {
                _khugepagedCursor = -1;
                KhugepagedFullScans++;
            }
        }

        return progress;
    }

    private enum CollapseResult
    {
        Skipped,
        Collapsed,
        AllocFailed,
    }

    /// <summary>hpage_collapse_scan_pmd: checks the range's PTEs and collapses it when they pass.</summary>
    private CollapseResult KhugepagedScanPmd(AddressSpace m, Vma vma, ulong haddr, KhugepagedPass pass, ref long cost)
    {
        if (m.Tables.FindLeaf(haddr) is not { } leaf || (leaf[0] & Pte.Huge) != 0)
        {
            return CollapseResult.Skipped;   // SCAN_PMD_NULL, SCAN_PMD_MAPPED
        }

        int none = 0, swapped = 0, shared = 0, referenced = 0;
        var writable = false;
        for (var j = 0; j < HugePages; j++)
        {
            var pte = leaf[j];
            if (Pte.IsSwap(pte))
            {
                if (++swapped > MaxPtesSwap)
                {
                    _vmstat[(int)VmCounter.thp_scan_exceed_swap_pte]++;
                    return CollapseResult.Skipped;
                }

                continue;
            }

            if ((pte & Pte.Present) == 0 || (pte & Pte.Zero) != 0)
            {
                if (++none > MaxPtesNone)
                {
                    _vmstat[(int)VmCounter.thp_scan_exceed_none_pte]++;
                    return CollapseResult.Skipped;
                }

                continue;
            }

            ref var frame = ref _frames[Pte.Frame(pte)];
            if ((pte & Pte.PageCache) != 0 || frame.Kind != FrameKind.Anon || (frame.Flags & FrameFlags.Thp) != 0)
            {
                return CollapseResult.Skipped;   // SCAN_PAGE_ANON; a PTE-mapped huge page is left as it is
            }

            writable |= (pte & Pte.Write) != 0;
            if (frame.MapCount > 1 && ++shared > MaxPtesShared)
            {
                _vmstat[(int)VmCounter.thp_scan_exceed_share_pte]++;
                return CollapseResult.Skipped;
            }

            if ((pte & Pte.Accessed) != 0 || (frame.Flags & FrameFlags.Referenced) != 0)
            {
                referenced++;
            }
        }

        if (!writable || referenced == 0 || (swapped > 0 && referenced < HugePages / 2))
        {
            return CollapseResult.Skipped;   // SCAN_PAGE_RO, SCAN_LACK_REFERENCED_PAGE
        }

        return CollapseHugePage(m, vma, haddr, none, swapped, pass, ref cost);
    }

    /// <summary>collapse_huge_page: a huge page takes the range's pages, the empty PTEs become zeroed pages.</summary>
    private CollapseResult CollapseHugePage(AddressSpace m, Vma vma, ulong haddr, int none, int swapped, KhugepagedPass pass, ref long cost)
    {
        var head = -1;
        if (_frames.FreeFrames - HugePages - swapped >= _watermarks.Min)
        {
            head = _frames.AllocateLarge(HugeOrder, m.Id, (long)(haddr >> _pageShift));
            if (head < 0)
            {
                // khugepaged's defrag 1: GFP_TRANSHUGE compacts directly.
                _vmstat[(int)VmCounter.compact_stall]++;
                if (CompactOneBlock(ref cost))
                {
                    _vmstat[(int)VmCounter.compact_success]++;
                    head = _frames.AllocateLarge(HugeOrder, m.Id, (long)(haddr >> _pageShift));
                }
                else
                {
                    _vmstat[(int)VmCounter.compact_fail]++;
                }
            }
        }

        if (head < 0)
        {
            _vmstat[(int)VmCounter.thp_collapse_alloc_failed]++;
            pass.AllocFailed++;
            return CollapseResult.AllocFailed;
        }

        _vmstat[(int)VmCounter.thp_collapse_alloc]++;
        var leaf = m.Tables.FindLeaf(haddr)!;
        if (swapped > 0)
        {
            // __collapse_huge_page_swapin: do_swap_page for each swap PTE.
            for (var j = 0; j < HugePages; j++)
            {
                if (Pte.IsSwap(leaf[j]))
                {
                    var (result, _) = SwapInFault(m, vma, leaf, j, leaf[j], haddr + ((ulong)j << _pageShift), AccessKind.Read);
                    if (result == FaultResult.Major)
                    {
                        _vmstat[(int)VmCounter.pgmajfault]++;
                    }
                }
            }
        }

        var flags = Pte.Permissions(vma) | (vma.Write ? Pte.Write : 0) | Pte.Huge | Pte.Accessed | Pte.Dirty;
        for (var j = 0; j < HugePages; j++)
        {
            var pte = leaf[j];
            uint stamp = 0;
            if ((pte & Pte.Present) != 0 && (pte & Pte.Zero) == 0)
            {
                var old = Pte.Frame(pte);
                _frames[head + j].Stamp = _frames[old].Stamp;   // __collapse_huge_page_copy
                stamp = Pte.Stamp(pte);
                m.RssAnon--;
                if (--_frames[old].MapCount == 0)
                {
                    FreeAnonPage(old);
                }
            }

            leaf[j] = Pte.Make(head + j, flags, stamp);
        }

        m.RssAnon += HugePages;
        _pmdMaps[head] = 1;
        VmaList.SetAnonVma(m, vma);
        m.ForgetCachedLeaf();
        FlushTlbRange(m, haddr, haddr + HugeSize);   // pmdp_collapse_flush
        cost += Costs.ThpFault;
        KhugepagedPagesCollapsed++;
        pass.Collapsed++;
        pass.Filled += none;
        pass.Mms.Add(m.Id);
        return CollapseResult.Collapsed;
    }
}
