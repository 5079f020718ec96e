using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Runtime.Mm;

/// <summary>
/// Allocation under pressure (page_alloc.c's slow path, MODEL.md 6). Every
/// operation that takes frames first calls <see cref="Reserve"/> with the most
/// it may need; afterwards its allocations cannot fail.
/// <code>
/// free - pages &gt;= low            go on
/// below low                      wake kswapd (KswapdWanted)
/// below min                      direct reclaim: allocstall, 32 pages
///                                (SWAP_CLUSTER_MAX) through the policy,
///                                pgscan_direct / pgsteal_direct, retry
/// 16 passes without progress     out_of_memory: KilledOther retries,
///                                KilledRequester stops the operation,
///                                NoVictim panics (out_of_memory's
///                                "no killable processes")
/// </code>
/// With the kernel's watermarks each mark is per zone: an allocation checks
/// the zones its gfp may use, each against its mark plus the lowmem_reserve
/// for the gfp's highest zone (FrameTable.Watermarks.cs), as
/// get_page_from_freelist's zone_watermark_ok does; a GFP_KERNEL allocation on
/// a 32-bit machine sees LowMem only, so its reclaim counts only LowMem pages
/// and it OOM-kills with HighMem free (the lowmem OOM).
/// <c>watermarks off</c> (textbook): no kswapd; reclaim exactly the pages
/// missing when fewer than needed are free. <c>watermarks min .. low ..
/// high ..</c> compares the free pages with the figures given.
/// The reclaimer pays scanned * 0.1 us + written * 10 us.
/// </summary>
internal sealed partial class Kernel
{
    private const int SwapClusterMax = 32;
    private const int MaxReclaimRetries = 16;

    private (long Min, long Low, long High) _watermarks;

    /// <summary>
    /// While the OOM killer runs: the simulated time the operation in progress
    /// has taken and not yet handed to the clock (its caller's cost so far,
    /// which an access loop starts at the time it has run), so the kill is
    /// stamped when it happens. 0 otherwise.
    /// </summary>
    public long InFlightCostNs { get; private set; }

    /// <summary>
    /// Makes <paramref name="pages"/> frames available to <paramref name="requesterMm"/>
    /// (-1: the kernel), reclaiming and calling the OOM killer as needed; the
    /// reclaim cost is added to <paramref name="costNs"/>. False when the OOM
    /// killer chose the requester itself: its memory is gone, the operation stops.
    /// Throws <see cref="OutOfMemoryPanicException"/> when nothing can be freed.
    /// Pages above <paramref name="mandatory"/> are wanted but optional (a
    /// read-around window, allocated as readahead does with __GFP_NORETRY):
    /// once a reclaim pass makes no progress the reservation shrinks to the
    /// mandatory pages, and the caller takes only what is free.
    /// </summary>
    private bool Reserve(int requesterMm, long pages, ref long costNs, long mandatory = long.MaxValue, GfpZone gfp = GfpZone.HighUser)
    {
        if (pages <= 0)
        {
            return true;
        }

        if (_numa)
        {
            return ReserveOnNodes(requesterMm, pages, ref costNs, mandatory);
        }

        var textbook = Machine.Watermarks == WatermarkMode.Off;
        var perZone = PerZoneMarks;
        var restricted = perZone && _frames.ZoneRestricted(gfp);
        var failures = 0;
        while (true)
        {
            var free = _frames.FreeFrames;
            long want;
            if (textbook)
            {
                if (free >= pages)
                {
                    return true;
                }

                want = pages - free;
            }
            else if (perZone)
            {
                if (_frames.WatermarkOk(gfp, pages, low: true))
                {
                    return true;
                }

                WakeKswapdFor(gfp);
                if (_frames.WatermarkOk(gfp, pages, low: false))
                {
                    return true;
                }

                want = SwapClusterMax;
            }
            else
            {
                var after = free - pages;
                if (after >= _watermarks.Low)
                {
                    return true;
                }

                WakeKswapd(0);
                if (after >= _watermarks.Min)
                {
                    return true;
                }

                want = SwapClusterMax;
            }

            _vmstat[(int)VmCounter.allocstall]++;
            var tally = restricted
                ? RestrictedReclaimPass(gfp, (int)want, VmCounter.pgscan_direct, VmCounter.pgsteal_direct, ref costNs)
                : ReclaimPass((int)Math.Min(want, int.MaxValue), VmCounter.pgscan_direct, VmCounter.pgsteal_direct, ref costNs);
            if (tally.Reclaimed > 0)
            {
                failures = 0;
                _kswapdFailures[0] = 0;
                if (perZone && !_frames.WatermarkOk(gfp, pages, low: false))
                {
                    _frames.DrainPcp();   // the retry after reclaim failed: drain_all_pages, as __alloc_pages_direct_reclaim does, then try again
                }

                continue;
            }

            if (_frames.DrainPcp() > 0)
            {
                continue;   // __alloc_pages_direct_reclaim: the allocation still failed, so drain the per-CPU lists and retry
            }

            if (pages > mandatory)
            {
                pages = mandatory;
                continue;
            }

            if (++failures < MaxReclaimRetries)
            {
                continue;
            }

            failures = 0;
            if (!OomKill(requesterMm, pages, costNs, nodemask: 0, restricted ? gfp : null))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The OOM killer for an allocation that reclaim could not satisfy
    /// (constrained to <paramref name="nodemask"/>'s nodes when not 0): true
    /// when it killed another task (try again), false when it killed the
    /// requester; with no victim the kernel panics.
    /// </summary>
    private bool OomKill(int requesterMm, long pages, long costNs, ulong nodemask, GfpZone? zoneRestricted = null)
    {
        InFlightCostNs = costNs;
        OomNodemask = nodemask;
        OomZoneRestricted = zoneRestricted;
        OomOutcome outcome;
        try
        {
            outcome = OomHost?.OutOfMemory(requesterMm, pages) ?? OomOutcome.NoVictim;
        }
        finally
        {
            InFlightCostNs = 0;
            OomNodemask = 0;
            OomZoneRestricted = null;
        }

        switch (outcome)
        {
            case OomOutcome.KilledOther:
                _vmstat[(int)VmCounter.oom_kill]++;
                return true;
            case OomOutcome.KilledRequester:
                _vmstat[(int)VmCounter.oom_kill]++;
                return false;
            default:
                InFlightCostNs = costNs; // the panic is stamped when it happens: the run ends here
                throw new OutOfMemoryPanicException("Out of memory and no killable processes... System is deadlocked on memory");
        }
    }

    /// <summary>One call into the policy: counts scanned and stolen pages, adds the cost.</summary>
    private ReclaimTally ReclaimPass(int pages, VmCounter scanCounter, VmCounter stealCounter, ref long costNs)
    {
        var writtenBefore = _pagesWritten;
        var tally = Policy.Reclaim(this, pages);
        _vmstat[(int)scanCounter] += tally.Scanned;
        _vmstat[(int)stealCounter] += tally.Reclaimed;
        costNs += tally.Scanned * Costs.ReclaimScanPerPage + (_pagesWritten - writtenBefore) * Costs.SwapOutPerPage;
        return FlushReclaimState(tally, pages);
    }

    /// <summary>Frames a fault at <paramref name="va"/> may need for page tables (charged tables missing below it).</summary>
    private long MissingTables(AddressSpace m, ulong va) =>
        Machine.PageTablesCharged && (va >> _leafShift) != m.CachedLeafKey ? m.Tables.MissingTables(va) : 0;

    /// <summary>
    /// The most frames a fault may take: the page tables it lacks, plus a new
    /// page (a write, a COW copy, a swap-in, a new shmem page) or the missing
    /// pages of the read-ahead window on a file miss, or of the next window on
    /// a hit on a PG_readahead page. A read that maps the
    /// zero page or a cached page takes none. <paramref name="optional"/> is
    /// the part of it the read-ahead window may do without (all but the
    /// faulting page).
    /// </summary>
    private long FaultNeed(AddressSpace m, Vma vma, ulong va, AccessKind kind, out long optional)
    {
        optional = 0;
        var tables = MissingTables(m, va);
        var leaf = (va >> _leafShift) == m.CachedLeafKey ? m.CachedLeaf : tables == 0 ? m.Tables.FindLeaf(va) : null;
        var pte = leaf is null ? 0 : leaf[(int)(va >> _pageShift) & _pteMask];
        var write = kind == AccessKind.Write;
        if ((pte & Pte.Present) != 0 || Pte.IsSwap(pte))
        {
            return tables + (write || Pte.IsSwap(pte) ? 1 : 0) + (write && SharedSwapMiss(pte) ? 1 : 0);
        }

        switch (vma.Kind)
        {
            case MapKind.AnonPrivate:
                return tables + (write ? 1 : 0);
            case MapKind.File:
                var file = vma.Object!;
                var page = (long)vma.ObjectPage(va);
                if (page >= file.PageCount)
                {
                    return tables;
                }

                var missing = file.Pages[page] <= 0;
                var window = ReadaheadNeed(vma, file, page, missing);
                optional = window - (missing ? 1 : 0);
                return tables + window + (write && !vma.Shared ? 1 : 0);
            default:
                var shmemPage = (long)vma.ObjectPage(va);
                return tables + (shmemPage < vma.Object!.PageCount && vma.Object.Pages[shmemPage] <= 0 ? 1 : 0);
        }
    }

    /// <summary>A swap entry other entries share, not in the swap cache: a write reads it in and then copies it.</summary>
    private bool SharedSwapMiss(ulong pte) =>
        Pte.IsSwap(pte) && _swap.CachePfn(Pte.Frame(pte)) < 0 && _swap.Refs(Pte.Frame(pte)) > 1;
}
