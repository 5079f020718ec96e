using System.Globalization;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The Mem-Info block dump_header prints (mm/show_mem.c __show_mem with
/// max_zone_idx = gfp_zone(gfp_mask), Linux 6.18), for an OOM whose allocation
/// could not use every zone: the node-wide counters in pages, the node line in
/// kB, one line per populated zone up to the allocation's highest zone (free,
/// watermarks, LRU pages, present, managed, per-CPU pages) with its
/// lowmem_reserve[], the page cache and swap summary and the RAM summary. A
/// GFP_KERNEL OOM on a 32-bit machine so shows DMA and Normal at their
/// watermarks while the global free count, mostly HighMem, stays large.
/// Left out: the per-order free lists (the model keeps no migrate types)
/// and the hugetlb lines. A one-node machine without CONFIG_NUMA: no "Node N" prefix on the zone lines.
/// </summary>
internal static class OomMemInfoLines
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The gfp_mask a restricted allocation prints: a process's page table (GFP_PGTABLE_USER) or the kernel's own GFP_KERNEL.</summary>
    public static string GfpMask(GfpZone gfp, bool processPageTable) => gfp switch
    {
        GfpZone.Kernel => processPageTable ? "0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO)" : "0xcc0(GFP_KERNEL)",
        GfpZone.Dma32 => "0xcc4(GFP_KERNEL|GFP_DMA32)",
        GfpZone.Dma => "0xcc1(GFP_KERNEL|GFP_DMA)",
        _ => "0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)",
    };

    public static IReadOnlyList<string> Format(Kernel kernel, GfpZone gfp)
    {
        var page = (long)kernel.Machine.PageSize;
        var kb = page / 1024;
        long P(MeminfoField f) => kernel.Meminfo(f) / page;
        string K(long pages) => (pages * kb).ToString(Ci) + "kB";
        var max = kernel.HighestZoneIndex(gfp);
        var zones = kernel.ZoneStates();
        long freePcp = 0;
        foreach (var z in zones)
            freePcp += z.Zone.Populated && z.Zone.Index <= max ? z.PcpCount : 0;
        long activeAnon = P(MeminfoField.Active_anon), inactiveAnon = P(MeminfoField.Inactive_anon);
        long activeFile = P(MeminfoField.Active_file), inactiveFile = P(MeminfoField.Inactive_file);
        long unevictable = P(MeminfoField.Unevictable), dirty = P(MeminfoField.Dirty), mapped = P(MeminfoField.Mapped);
        long shmem = P(MeminfoField.Shmem), tables = P(MeminfoField.PageTables);
        var lines = new List<string>
        {
            "Mem-Info:",
            $"active_anon:{N(activeAnon)} inactive_anon:{N(inactiveAnon)} isolated_anon:0",
            $" active_file:{N(activeFile)} inactive_file:{N(inactiveFile)} isolated_file:0",
            $" unevictable:{N(unevictable)} dirty:{N(dirty)} writeback:0",
            $" slab_reclaimable:{N(P(MeminfoField.SReclaimable))} slab_unreclaimable:{N(P(MeminfoField.SUnreclaim))}",
            $" mapped:{N(mapped)} shmem:{N(shmem)} pagetables:{N(tables)}",
            " sec_pagetables:0 bounce:0",
            " kernel_misc_reclaimable:0",
            $" free:{N(P(MeminfoField.MemFree))} free_pcp:{N(freePcp)} free_cma:0",
            $"Node 0 active_anon:{K(activeAnon)} inactive_anon:{K(inactiveAnon)} active_file:{K(activeFile)} inactive_file:{K(inactiveFile)}"
                + $" unevictable:{K(unevictable)} isolated(anon):0kB isolated(file):0kB mapped:{K(mapped)} dirty:{K(dirty)} writeback:0kB"
                + $" shmem:{K(shmem)} shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:{K(P(MeminfoField.AnonHugePages))} writeback_tmp:0kB"
                + $" kernel_stack:{N(kernel.Meminfo(MeminfoField.KernelStack) / 1024)}kB pagetables:{K(tables)} sec_pagetables:0kB"
                + $" all_unreclaimable? {(kernel.NodeUnreclaimable ? "yes" : "no")}",
        };
        long present = 0, reserved = 0, high = 0;
        foreach (var z in zones)
        {
            var zone = z.Zone;
            if (!zone.Populated)
                continue;
            present += zone.Present;
            reserved += zone.Present - zone.Managed;
            high += zone.Type == ZoneType.HighMem ? zone.Present : 0;
            if (zone.Index > max)
                continue;
            lines.Add($"{zone.Name} free:{K(z.FreePages)} boost:0kB min:{K(zone.Min)} low:{K(zone.Low)} high:{K(zone.High)} reserved_highatomic:0KB"
                + $" active_anon:{K(z.Lru[(int)LruList.ActiveAnon])} inactive_anon:{K(z.Lru[(int)LruList.InactiveAnon])}"
                + $" active_file:{K(z.Lru[(int)LruList.ActiveFile])} inactive_file:{K(z.Lru[(int)LruList.InactiveFile])}"
                + $" unevictable:{K(z.Lru[(int)LruList.Unevictable])} writepending:{K(z.WritePending)} present:{K(zone.Present)}"
                + $" managed:{K(zone.Managed)} mlocked:{K(z.Mlocked)} bounce:0kB free_pcp:{K(z.PcpCount)} local_pcp:{K(z.PcpCount)} free_cma:0kB");
            lines.Add("lowmem_reserve[]: " + string.Join(' ', zone.Protection.Select(r => r.ToString(Ci))));
        }

        long fileStat = 0;
        foreach (var (name, value) in kernel.NodeStats())
            fileStat = name == "nr_file_pages" ? value : fileStat;
        lines.Add($"{N(fileStat)} total pagecache pages");
        lines.Add($"{N(P(MeminfoField.SwapCached))} pages in swap cache");
        lines.Add($"Free swap  = {N(kernel.Meminfo(MeminfoField.SwapFree) / 1024)}kB");
        lines.Add($"Total swap = {N(kernel.Meminfo(MeminfoField.SwapTotal) / 1024)}kB");
        lines.Add($"{N(present)} pages RAM");
        lines.Add($"{N(high)} pages HighMem/MovableOnly");
        lines.Add($"{N(reserved)} pages reserved");
        return lines;
    }

    private static string N(long value) => value.ToString(Ci);
}
