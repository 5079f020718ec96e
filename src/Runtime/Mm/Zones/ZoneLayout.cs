namespace MemScript.Runtime.Mm.Zones;

/// <summary>
/// The node's zones as the kernel sets them up at boot, from the machine's
/// RAM (one contiguous range from pfn 0: no 640 KiB-1 MiB hole, no PCI hole
/// below 4 GiB, see docs/model-notes.md) and its boot reservation (the
/// <c>kernel</c> setting, taken from the lowest frames):
/// <list type="bullet">
/// <item>x86-64 with 4 KiB pages: DMA below 16 MiB, DMA32 below 4 GiB, Normal
/// above, then the empty Movable and Device zones (mm/mm_init.c
/// free_area_init with arch/x86/mm/init.c zone_sizes_init's
/// MAX_DMA_PFN and MAX_DMA32_PFN).</item>
/// <item><c>layout i386</c>: DMA below 16 MiB, Normal up to 896 MiB
/// (MAXMEM_PFN, the 1 GiB kernel window less 128 MiB of vmalloc space),
/// HighMem above, then Movable.</item>
/// <item>other page sizes: one Normal zone.</item>
/// </list>
/// Watermarks follow mm/page_alloc.c __setup_per_zone_wmarks, lowmem_reserve
/// setup_per_zone_lowmem_reserve with sysctl_lowmem_reserve_ratio's defaults
/// (256, 256, 32, 0 for x86-64; 256, 32, 0, 0 for i386), the per-CPU lists
/// zone_batchsize and zone_highsize (one CPU), the vmstat threshold
/// mm/vmstat.c calculate_normal_threshold.
/// </summary>
internal sealed class ZoneLayout
{
    /// <summary>SWAP_CLUSTER_MAX, the floor of a HighMem or Movable zone's min watermark.</summary>
    private const long SwapClusterMax = 32;

    /// <summary>vm.watermark_scale_factor's default: 10 / 10000 of a zone's pages between watermarks.</summary>
    public const long WatermarkScaleFactor = 10;

    /// <summary>MIN_PERCPU_PAGELIST_HIGH_FRACTION: high_max is managed / 8 split over the CPUs.</summary>
    private const int PcpHighFraction = 8;

    /// <summary>The CPUs the model has: one (the scheduler's single CPU).</summary>
    public const int Cpus = 1;

    private ZoneLayout(IReadOnlyList<Zone> zones, long minFreeKbytes, long pageSize)
    {
        Zones = zones;
        MinFreeKbytes = minFreeKbytes;
        PageSize = pageSize;
    }

    /// <summary>The NUMA nodes the zones belong to (one on the default machine).</summary>
    public Numa.NodeLayout Nodes { get; private set; } = null!;

    /// <summary>Every zone of every node in node, then index order, empty ones included.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    public long MinFreeKbytes { get; private set; }

    public long PageSize { get; }

    /// <summary>calculate_totalreserve_pages: each zone's largest lowmem_reserve plus its high watermark, at most its managed pages.</summary>
    public long TotalReservePages
    {
        get
        {
            long total = 0;
            foreach (var zone in Zones)
            {
                var max = 0L;
                for (var j = zone.Index; j < zone.Protection.Length; j++)
                    max = Math.Max(max, zone.Protection[j]);
                total += Math.Min(max + zone.High, zone.Managed);
            }
            return total;
        }
    }

    public static ZoneLayout For(MachineSettings machine)
    {
        var page = (long)machine.PageSize;
        var total = (long)(machine.Ram / machine.PageSize);
        var reserved = Math.Min(total, (long)((machine.Kernel + machine.PageSize - 1) / machine.PageSize) + GiganticPages.Frames(machine));
        var zones = new List<Zone>();
        int[] ratios;
        if (page != 4096)
        {
            Add(zones, ZoneType.Normal, 0, total, reserved);
            Add(zones, ZoneType.Movable, 0, 0, reserved);
            ratios = [32, 0];
        }
        else if (machine.Layout == "i386")
        {
            const long maxDma = (16L << 20) / 4096, maxLow = (896L << 20) / 4096;
            Add(zones, ZoneType.Dma, 0, Math.Min(total, maxDma), reserved);
            Add(zones, ZoneType.Normal, Math.Min(total, maxDma), Math.Min(total, maxLow), reserved);
            Add(zones, ZoneType.HighMem, Math.Min(total, maxLow), total, reserved);
            Add(zones, ZoneType.Movable, 0, 0, reserved);
            ratios = [256, 32, 0, 0];
        }
        else
        {
            // Each node's zones are the arch's zone ranges clipped to the node's pfns
            // (free_area_init: zone_spanned_pages_in_node), so a node above 4 GiB has
            // Normal only and one inside the low 4 GiB has DMA32 only.
            const long maxDma = (16L << 20) / 4096, maxDma32 = (4L << 30) / 4096;
            var nodes = Numa.NodeLayout.For(machine);
            for (var n = 0; n < nodes.Count; n++)
            {
                long lo = nodes.Start[n], hi = nodes.End[n];
                Add(zones, ZoneType.Dma, lo, Math.Min(hi, maxDma), reserved, n);
                Add(zones, ZoneType.Dma32, Math.Max(lo, maxDma), Math.Min(hi, maxDma32), reserved, n);
                Add(zones, ZoneType.Normal, Math.Max(lo, maxDma32), hi, reserved, n);
                Add(zones, ZoneType.Movable, 0, 0, reserved, n);
                Add(zones, ZoneType.Device, 0, 0, reserved, n);
            }

            ratios = [256, 256, 32, 0, 0];
        }

        var layout = new ZoneLayout(zones, Watermarks.MinFreeKbytes(machine), page) { Nodes = Numa.NodeLayout.For(machine) };
        layout.SetWatermarks(machine);
        SetLowmemReserve(zones, ratios);
        return layout;
    }

    /// <summary>A zone spanning [start, end) (empty when end &lt;= start), less the reserved frames below <paramref name="reserved"/>.</summary>
    private static void Add(List<Zone> zones, ZoneType type, long start, long end, long reserved, int node = 0)
    {
        var spanned = Math.Max(0, end - start);
        var reservedHere = Math.Clamp(reserved - start, 0, spanned);
        var index = 0;
        foreach (var other in zones)
        {
            index += other.Node == node ? 1 : 0;
        }

        zones.Add(new Zone
        {
            Type = type,
            Name = Name(type),
            Node = node,
            Index = index,
            StartPfn = spanned == 0 ? 0 : start,
            Spanned = spanned,
            Present = spanned,
            Managed = spanned - reservedHere,
        });
    }

    public static string Name(ZoneType type) => type switch
    {
        ZoneType.Dma => "DMA",
        ZoneType.Dma32 => "DMA32",
        ZoneType.Normal => "Normal",
        ZoneType.HighMem => "HighMem",
        ZoneType.Movable => "Movable",
        _ => "Device",
    };

    private static bool IsLowmem(Zone zone) => zone.Type is not (ZoneType.HighMem or ZoneType.Movable);

    /// <summary>
    /// __setup_per_zone_wmarks: min_free_kbytes in pages split over the lowmem
    /// zones in proportion to their managed pages (HighMem and Movable get
    /// managed / 1024 clamped to [32, 128]); low, high and promo each one step
    /// above, the step the larger of a quarter of the proportional share and
    /// managed * watermark_scale_factor / 10000. <c>watermarks off</c> gives
    /// zeros; <c>watermarks min .. low .. high ..</c> splits the figures given
    /// over the zones in proportion to their managed pages.
    /// </summary>
    public void SetWatermarks(MachineSettings machine)
    {
        var page = PageSize;
        MinFreeKbytes = Watermarks.MinFreeKbytes(machine);
        long lowmemPages = 0, allManaged = 0;
        foreach (var zone in Zones)
        {
            allManaged += zone.Managed;
            if (IsLowmem(zone))
                lowmemPages += zone.Managed;
        }

        foreach (var zone in Zones)
        {
            switch (machine.Watermarks)
            {
                case WatermarkMode.Off:
                    zone.Min = zone.Low = zone.High = zone.Promo = 0;
                    continue;
                case WatermarkMode.Manual:
                    zone.Min = Share((long)machine.WatermarkMin / page, zone.Managed, allManaged);
                    zone.Low = Share((long)machine.WatermarkLow / page, zone.Managed, allManaged);
                    zone.High = Share((long)machine.WatermarkHigh / page, zone.Managed, allManaged);
                    zone.Promo = zone.High + (zone.High - zone.Low);
                    continue;
            }

            var pagesMin = MinFreeKbytes * 1024 / page;
            var tmp = Share(pagesMin, zone.Managed, lowmemPages);
            zone.Min = IsLowmem(zone) ? tmp : Math.Clamp(zone.Managed / 1024, SwapClusterMax, 128);
            tmp = Math.Max(tmp >> 2, zone.Managed * WatermarkScaleFactor / 10000);
            zone.Low = zone.Min + tmp;
            zone.High = zone.Low + tmp;
            zone.Promo = zone.High + tmp;
        }

        foreach (var zone in Zones)
            SetPageset(zone, page);
    }

    private static long Share(long amount, long part, long whole) =>
        whole == 0 ? 0 : (long)((System.Numerics.BigInteger)amount * part / whole);

    /// <summary>setup_per_zone_lowmem_reserve: zone i keeps (managed pages of the zones above it, up to j) / ratio[i] from an allocation that may use zone j.</summary>
    private static void SetLowmemReserve(List<Zone> zones, int[] ratios)
    {
        var perNode = ratios.Length;
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = zones[i];
            var first = i - zone.Index;   // the node's first zone
            zone.Protection = new long[perNode];
            var ratio = ratios[zone.Index];
            var clear = ratio == 0 || zone.Managed == 0;
            long upper = 0;
            for (var j = zone.Index + 1; j < perNode; j++)
            {
                upper += zones[first + j].Managed;
                zone.Protection[j] = clear ? 0 : upper / ratio;
            }
        }
    }

    /// <summary>
    /// zone_batchsize: a quarter of min(managed / 1024, 1 MiB of pages),
    /// rounded down to a power of two of 1.5 times it, less one (at least 1);
    /// zone_highsize: high_min is the low watermark, high_max managed / 8,
    /// each split over the CPUs and at least 4 batches.
    /// calculate_normal_threshold: 2 * fls(cpus) * (1 + fls(managed / 128 MiB)), at most 125.
    /// </summary>
    private static void SetPageset(Zone zone, long page)
    {
        var batch = Math.Min(zone.Managed >> 10, (1L << 20) / page) / 4;
        if (batch < 1)
            batch = 1;
        batch = (1L << System.Numerics.BitOperations.Log2((ulong)(batch + batch / 2))) - 1;
        zone.PcpBatch = (int)Math.Max(1, batch);
        zone.PcpHighMin = (int)Math.Max(zone.Low / Cpus, zone.PcpBatch << 2);
        zone.PcpHighMax = (int)Math.Max(zone.Managed / PcpHighFraction / Cpus, zone.PcpBatch << 2);
        var mem = zone.Managed >> (27 - System.Numerics.BitOperations.Log2((ulong)page));
        zone.StatThreshold = (int)Math.Min(125, 2 * Fls(Cpus) * (1 + Fls(mem)));
    }

    /// <summary>The kernel's fls: the 1-based index of the highest set bit, 0 for 0.</summary>
    private static long Fls(long x) => x <= 0 ? 0 : System.Numerics.BitOperations.Log2((ulong)x) + 1;
}
