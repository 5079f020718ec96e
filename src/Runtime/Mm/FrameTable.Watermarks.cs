namespace MemScript.Runtime.Mm;

/// <summary>
/// The per-zone watermark checks of the slow path and kswapd, over the zones
/// an allocation may use (its gfp's highest_zoneidx, <see cref="Zones.GfpZone"/>):
/// <list type="bullet">
/// <item><see cref="WatermarkOk"/>: __zone_watermark_ok for each eligible zone,
/// free &gt; mark + lowmem_reserve[highest_zoneidx]; for a reservation of
/// several order-0 pages, the room the zones have above those marks summed
/// (the pages a run of single allocations could take, each from the first
/// zone still above its mark).</item>
/// <item><see cref="Balanced"/>: mm/vmscan.c pgdat_balanced, true when ONE
/// eligible zone of the node is above high + lowmem_reserve[highest_zoneidx].</item>
/// <item><see cref="ZoneRestricted"/>, <see cref="EligibleFree"/> and
/// <see cref="EligibleLruPages"/>: what a GFP_KERNEL allocation on a 32-bit
/// machine sees (LowMem only), for its reclaim and its OOM.</item>
/// </list>
/// The checks read the per-gfp marks FrameTable.Buddy.cs keeps (low and min
/// plus the reserve); the eligible zones are listed once, the first zone of
/// the zonelist first, so the common case looks at one zone.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>Per <see cref="Zones.GfpZone"/>: the populated zones of every node it may use, highest first.</summary>
    private int[][]? _eligible;

    /// <summary>Per <see cref="Zones.GfpZone"/>: its highest_zoneidx (the lowmem_reserve column its checks use).</summary>
    private int[]? _highestIndex;

    /// <summary>The zone index gfp_zone() gives <paramref name="gfp"/>: the lowmem_reserve column of its checks.</summary>
    public int HighestIndex(Zones.GfpZone gfp)
    {
        EnsureEligible();
        return _highestIndex![(int)gfp];
    }

    /// <summary>
    /// Whether <paramref name="pages"/> order-0 pages of <paramref name="gfp"/> can be taken
    /// with every zone they come from left above its low (or, <paramref name="low"/> false,
    /// min) watermark plus lowmem_reserve[highest_zoneidx].
    /// </summary>
    public bool WatermarkOk(Zones.GfpZone gfp, long pages, bool low)
    {
        var eligible = _eligible ?? EnsureEligible();
        var marks = low ? _lowMark[(int)gfp] : _minMark[(int)gfp];
        long room = 0;
        foreach (var z in eligible[(int)gfp])
        {
            var above = _zoneFree[z] - marks[z];
            if (above > 0 && (room += above) >= pages)
            {
                return true;
            }
        }

        return pages <= 0;
    }

    /// <summary>pgdat_balanced for order 0: some populated zone of index &lt;= <paramref name="highestIndex"/> has more free pages than its high watermark plus lowmem_reserve[highestIndex].</summary>
    public bool Balanced(int highestIndex, int node = 0) => BalancedZone(highestIndex, node) != -1;

    /// <summary>The populated zone of node <paramref name="node"/> pgdat_balanced finds above its mark (the lowest first); -2 when no zone is eligible (balanced), -1 when none is above.</summary>
    public int BalancedZone(int highestIndex, int node = 0)
    {
        var any = false;
        for (var z = 0; z < _zoneFree.Length && z < PopulatedZones.Count; z++)
        {
            var zone = PopulatedZones[z];
            if (zone.Index > highestIndex || zone.Managed == 0 || zone.Node != node)
            {
                continue;
            }

            any = true;
            var reserve = highestIndex < zone.Protection.Length ? zone.Protection[highestIndex] : 0;
            if (_zoneFree[z] > zone.High + reserve)
            {
                return z;
            }
        }

        return any ? -1 : -2;
    }

    /// <summary>
    /// The marks of the zones of index &lt;= <paramref name="highestIndex"/>, each plus its
    /// lowmem_reserve[highestIndex], summed: the free pages at which no zone passes once
    /// allocations have drained them in zonelist order.
    /// </summary>
    public (long Min, long Low, long High) EligibleMarks(int highestIndex, int node = 0)
    {
        long min = 0, low = 0, high = 0;
        for (var z = 0; z < PopulatedZones.Count; z++)
        {
            var zone = PopulatedZones[z];
            if (zone.Index > highestIndex || zone.Node != node)
            {
                continue;
            }

            var reserve = highestIndex < zone.Protection.Length ? zone.Protection[highestIndex] : 0;
            min += zone.Min + reserve;
            low += zone.Low + reserve;
            high += zone.High + reserve;
        }

        return (min, low, high);
    }

    /// <summary>Whether some populated zone is one <paramref name="gfp"/> may not use (HighMem for GFP_KERNEL on a 32-bit machine).</summary>
    public bool ZoneRestricted(Zones.GfpZone gfp) => (_eligible ?? EnsureEligible())[(int)gfp].Length < PopulatedZones.Count;

    /// <summary>Free pages of the zones <paramref name="gfp"/> may use, those on their per-CPU lists included.</summary>
    public long EligibleFree(Zones.GfpZone gfp)
    {
        long free = 0;
        foreach (var z in (_eligible ?? EnsureEligible())[(int)gfp])
        {
            free += _zoneFree[z] + PcpCount(z);
        }

        return free;
    }

    /// <summary>
    /// Evictable LRU pages in the zones <paramref name="gfp"/> may use: the pages a reclaim
    /// with reclaim_idx = highest_zoneidx can isolate (isolate_lru_folios skips the folios of
    /// higher zones). Walks the zones' frames: the slow path of a restricted allocation only.
    /// </summary>
    public long EligibleLruPages(Zones.GfpZone gfp)
    {
        long pages = 0;
        foreach (var z in (_eligible ?? EnsureEligible())[(int)gfp])
        {
            for (var pfn = _zoneLo[z]; pfn < _zoneBump[z]; pfn++)
            {
                ref var frame = ref this[pfn];
                if (frame.Kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem && LruLists.ListOf(frame) != LruList.Unevictable)
                {
                    pages++;
                }
            }
        }

        return pages;
    }

    private int[][] EnsureEligible()
    {
        if (_eligible is { } done)
        {
            return done;
        }

        var classes = Enum.GetValues<Zones.GfpZone>().Length;
        var eligible = new int[classes][];
        _highestIndex = new int[classes];
        for (var c = 0; c < classes; c++)
        {
            var highest = Layout is null ? int.MaxValue : HighestZoneIndex(Layout, (Zones.GfpZone)c);
            _highestIndex[c] = Layout is null ? 0 : highest;
            var list = new List<int>();
            for (var z = _zoneFree.Length - 1; z >= 0; z--)
            {
                if (PopulatedZones.Count == 0 || PopulatedZones[z].Index <= highest)
                {
                    list.Add(z);
                }
            }

            eligible[c] = [.. list];
        }

        _eligible = eligible;
        return eligible;
    }
}
