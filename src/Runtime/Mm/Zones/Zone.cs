namespace MemScript.Runtime.Mm.Zones;

/// <summary>
/// One zone's boot-time figures, as /proc/zoneinfo prints them: its pfn span
/// (spanned: end - start; present: the RAM in it; managed: present less the
/// pages reserved at boot), its watermarks (min, low, high, promo), its
/// lowmem_reserve protection against allocations that could use each zone
/// index above it, and its per-CPU page list sizes (batch, high_min,
/// high_max) and vmstat threshold. A zone with no present pages is empty:
/// zoneinfo prints its header and watermarks only.
/// </summary>
internal sealed class Zone
{
    public required ZoneType Type { get; init; }

    /// <summary>The name /proc prints (zone_names[]).</summary>
    public required string Name { get; init; }

    /// <summary>The NUMA node the zone belongs to (0 on a one-node machine).</summary>
    public int Node { get; init; }

    /// <summary>Index of this zone among the node's zones (the column in protection).</summary>
    public required int Index { get; init; }

    public required long StartPfn { get; init; }

    public required long Spanned { get; init; }

    public required long Present { get; init; }

    public required long Managed { get; init; }

    public long EndPfn => StartPfn + Spanned;

    public bool Populated => Present > 0;

    public long Min { get; set; }

    public long Low { get; set; }

    public long High { get; set; }

    public long Promo { get; set; }

    /// <summary>lowmem_reserve[]: one entry per zone index of the node.</summary>
    public long[] Protection { get; set; } = [];

    public int PcpBatch { get; set; }

    public int PcpHighMin { get; set; }

    public int PcpHighMax { get; set; }

    public int StatThreshold { get; set; }
}
