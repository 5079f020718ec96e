using MemScript.Runtime.Mm.Zones;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The node's zones (Zones/ZoneLayout.cs) as the rest of the kernel sees
/// them: the watermarks the allocation slow path, kswapd and MemAvailable use
/// (the zones' marks summed, see <see cref="Watermarks.Sum"/>; the
/// lowmem_reserve steers the zone an allocation takes from, not these sums),
/// the kernel-page entry point (a block of 2^order frames
/// from the zones a <see cref="GfpZone"/> allows, after the reservation the
/// slow path makes), and the per-zone figures /proc/zoneinfo and
/// /proc/buddyinfo print.
/// </summary>
internal sealed partial class Kernel
{
    private ZoneLayout _zones = null!;
    private long _lowSum;
    private long _totalReserve;

    /// <summary>A 32-bit machine with a populated HighMem zone and the kernel's watermarks: GFP_KERNEL allocations reserve LowMem on their own.</summary>
    private bool _lowmemSplit;

    /// <summary>CONFIG_HIGHMEM: a 32-bit machine with a HighMem zone, whose meminfo prints HighTotal, HighFree, LowTotal and LowFree.</summary>
    public bool Highmem => Machine.Layout == "i386" && Machine.PageSize == 4096;

    /// <summary>
    /// si_meminfo's totalhigh (the HighMem zones' managed pages) or freehigh
    /// (nr_free_highpages: their NR_FREE_PAGES), for fs/proc/meminfo.c's HighTotal and HighFree.
    /// </summary>
    private long HighmemPages(bool free)
    {
        long pages = 0;
        for (var z = 0; z < _frames.PopulatedZones.Count; z++)
        {
            if (_frames.PopulatedZones[z].Type == ZoneType.HighMem)
            {
                pages += free ? _frames.ZoneFree(z) : _frames.PopulatedZones[z].Managed;
            }
        }

        return pages;
    }

    /// <summary>Free pages on the per-CPU lists: free frames MemFree leaves out.</summary>
    internal long PcpPages => _frames.PcpPages;

    /// <summary>drain_all_pages: the per-CPU lists back to the buddy allocator (as compaction does); the pages drained.</summary>
    internal long DrainPcp() => _frames.DrainPcp();

    /// <summary>The zones the machine booted with (watermarks current).</summary>
    public ZoneLayout Zones => _zones;

    /// <summary>Lays the zones out and sets every watermark from the machine (boot, and sysctl vm.min_free_kbytes).</summary>
    private void SetUpZones()
    {
        _zones ??= ZoneLayout.For(Machine);
        _zones.SetWatermarks(Machine);
        switch (Machine.Watermarks)
        {
            case WatermarkMode.Auto:
                // The slow path and MemAvailable use the zones' marks summed without their
                // lowmem_reserve (docs/model-notes.md); the reserve steers only the zone choice.
                _watermarks = Watermarks.Sum(_zones, withReserve: false);
                _lowSum = _watermarks.Low;
                _totalReserve = _zones.TotalReservePages;   // calculate_totalreserve_pages: high + the largest lowmem_reserve, per zone
                break;
            default:
                _watermarks = Watermarks.Pages(Machine);
                _lowSum = _watermarks.Low;
                _totalReserve = _watermarks.High;
                break;
        }

        _frames?.SetWatermarks();
        _lowmemSplit = Machine.Watermarks == WatermarkMode.Auto && Highmem && _zones.Zones.Any(z => z.Type == ZoneType.HighMem && z.Populated);
    }

    /// <summary>
    /// The GFP_KERNEL part of an operation's need (the page tables a fault or fork must
    /// allocate) reserved from LowMem first, on a machine where LowMem is not every zone;
    /// elsewhere the operation's one reservation covers it. False when the OOM killer chose the requester.
    /// </summary>
    private bool ReserveLowmem(int requesterMm, long pages, ref long costNs) =>
        !_lowmemSplit || pages <= 0 || Reserve(requesterMm, pages, ref costNs, gfp: GfpZone.Kernel);

    /// <summary>Free blocks of each order 0..10 in each populated zone (the rows of /proc/buddyinfo).</summary>
    public IReadOnlyList<(string Zone, long[] Blocks)> BuddyFreeBlocksByZone()
    {
        var rows = new List<(string, long[])>();
        for (var z = 0; z < _frames.PopulatedZones.Count; z++)
        {
            rows.Add((_frames.PopulatedZones[z].Name, _frames.BuddyBlocks(z)));
        }

        return rows;
    }

    /// <summary>Each zone's figures for /proc/zoneinfo: the static ones and what the frames hold now.</summary>
    public IReadOnlyList<ZoneState> ZoneStates()
    {
        var populated = _frames.PopulatedZones;
        var lists = new long[populated.Count, 5];
        var mlocked = new long[populated.Count];
        var blocks = new long[populated.Count];
        var dirty = new long[populated.Count];
        for (var z = 0; z < populated.Count; z++)
        {
            var (start, end) = _frames.MaterializedRange(z);
            for (var pfn = start; pfn < end; pfn++)
            {
                ref var frame = ref _frames[pfn];
                if (frame.Kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem)
                {
                    lists[z, (int)LruLists.ListOf(frame)]++;
                    if ((frame.Flags & FrameFlags.Mlocked) != 0)
                    {
                        mlocked[z]++;
                    }

                    if (frame.Kind == FrameKind.File && (frame.Flags & FrameFlags.Dirty) != 0)
                    {
                        dirty[z]++;
                    }
                }
            }

            var buddy = _frames.BuddyBlocks(z);
            for (var o = PageblockOrder; o <= _frames.MaxOrder; o++)
            {
                blocks[z] += buddy[o] << o;   // pageblock_order: 9, or the top order with 16K and 64K pages
            }
        }

        var states = new List<ZoneState>();
        foreach (var zone in _zones.Zones)
        {
            var z = -1;
            for (var i = 0; i < populated.Count; i++)
            {
                if (ReferenceEquals(populated[i], zone))
                {
                    z = i;
                }
            }

            states.Add(z < 0
                ? new ZoneState(zone, 0, 0, new long[5], 0, 0)
                : new ZoneState(zone, _frames.ZoneFree(z), blocks[z], [lists[z, 0], lists[z, 1], lists[z, 2], lists[z, 3], lists[z, 4]], mlocked[z], dirty[z])
                {
                    NumaEvents = _numa ? ZoneNumaEvents(z) : null,
                    PcpCount = _frames.PcpCount(z),
                });
        }

        return states;
    }

    /// <summary>
    /// The node's vm counters in /proc/zoneinfo's "per-node stats" order (node_stat_item,
    /// Linux 6.18); counters the model does not keep are 0.
    /// </summary>
    public IReadOnlyList<(string Name, long Value)> NodeStats()
    {
        var file = _frames.Count(FrameKind.File);
        var shmem = _frames.Count(FrameKind.Shmem);
        return
        [
            ("nr_inactive_anon", Lru(LruList.InactiveAnon)), ("nr_active_anon", Lru(LruList.ActiveAnon)),
            ("nr_inactive_file", Lru(LruList.InactiveFile)), ("nr_active_file", Lru(LruList.ActiveFile)),
            ("nr_unevictable", Lru(LruList.Unevictable)), ("nr_slab_reclaimable", 0), ("nr_slab_unreclaimable", 0),
            ("nr_isolated_anon", 0), ("nr_isolated_file", 0), ("workingset_nodes", 0),
            ("workingset_refault_anon", _vmstat[(int)VmCounter.workingset_refault_anon]),
            ("workingset_refault_file", _vmstat[(int)VmCounter.workingset_refault_file]),
            ("workingset_activate_anon", 0), ("workingset_activate_file", 0), ("workingset_restore_anon", 0),
            ("workingset_restore_file", 0), ("workingset_nodereclaim", 0), ("nr_anon_pages", _frames.Count(FrameKind.Anon)),
            ("nr_mapped", _mappedCachePages), ("nr_file_pages", file + shmem + _swap.CachedPages), ("nr_dirty", _cache.DirtyPages),
            ("nr_writeback", 0), ("nr_shmem", shmem), ("nr_shmem_hugepages", 0), ("nr_shmem_pmdmapped", 0),
            ("nr_file_hugepages", 0), ("nr_file_pmdmapped", 0), ("nr_anon_transparent_hugepages", AnonHugePmdPages / HugePages),
            ("nr_vmscan_write", 0), ("nr_vmscan_immediate_reclaim", 0), ("nr_dirtied", 0), ("nr_written", 0),
            ("nr_throttled_written", 0), ("nr_kernel_misc_reclaimable", 0), ("nr_foll_pin_acquired", 0),
            ("nr_foll_pin_released", 0), ("nr_kernel_stack", 0), ("nr_page_table_pages", _frames.Count(FrameKind.PageTable)),
            ("nr_sec_page_table_pages", 0), ("nr_iommu_pages", 0), ("nr_swapcached", _swap.CachedPages),
            ("pgpromote_success", 0), ("pgpromote_candidate", 0), ("pgpromote_candidate_nrl", 0), ("pgdemote_kswapd", 0),
            ("pgdemote_direct", 0), ("pgdemote_khugepaged", 0), ("pgdemote_proactive", 0), ("nr_hugetlb", HugetlbTotal),
            ("nr_balloon_pages", 0), ("nr_kernel_file_pages", 0),
        ];
    }

    /// <summary>pgdat->kswapd_failures &gt;= MAX_RECLAIM_RETRIES: zoneinfo's node_unreclaimable.</summary>
    public bool NodeUnreclaimable => NodeHopeless(0);
}

/// <summary>
/// A zone as /proc/zoneinfo shows it now: its boot figures, its free pages,
/// the free pages in blocks of a pageblock (order 9) or more
/// (nr_free_pages_blocks), its pages on each LRU list (in <see cref="LruList"/>
/// order), its mlocked pages and its dirty file pages (nr_zone_write_pending),
/// and the pages on its per-CPU list (the pageset's count).
/// </summary>
internal sealed record ZoneState(Zone Zone, long FreePages, long FreeBlockPages, long[] Lru, long Mlocked, long WritePending)
{
    /// <summary>The zone's NUMA event counters (numa_hit ... numa_other) on a machine of more than one node; null on one node (zoneinfo prints 0).</summary>
    public long[]? NumaEvents { get; init; }

    public int PcpCount { get; init; }
}
