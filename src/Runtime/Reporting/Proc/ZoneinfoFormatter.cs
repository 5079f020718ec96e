using System.Globalization;
using System.Text;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/zoneinfo as mm/vmstat.c zoneinfo_show_print writes it (Linux 6.18),
/// one block per zone of the node, empty zones included:
/// <c>"Node %d, zone %8s"</c>; for the first populated zone the node's
/// counters (<c>"      %-12s %lu"</c>); the watermarks, spans and
/// <c>protection: (a, b, ...)</c>; for a populated zone then its vm counters,
/// its NUMA event counters, the per-CPU pageset of each CPU (one here: count,
/// high, batch, high_min, high_max, the vmstat threshold), node_unreclaimable
/// and start_pfn. The pageset's high is its high_min (no auto-tuning,
/// docs/model-notes.md).
/// </summary>
internal static class ZoneinfoFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<ZoneState> zones, IReadOnlyList<(string Name, long Value)> nodeStats, bool nodeUnreclaimable = false,
        Func<int, IReadOnlyList<(string Name, long Value)>>? nodeStatsOf = null, Func<int, bool>? unreclaimableOf = null)
    {
        var lines = new List<string>();
        var statsShown = -1;
        foreach (var state in zones)
        {
            var zone = state.Zone;
            lines.Add(Text($"Node {zone.Node}, zone {zone.Name,8}"));
            if (zone.Populated && statsShown < zone.Node)
            {
                statsShown = zone.Node;
                lines.Add("  per-node stats");
                foreach (var (name, value) in nodeStatsOf is null ? nodeStats : nodeStatsOf(zone.Node))
                {
                    lines.Add(Stat(name, value));
                }
            }

            lines.Add(Text($"  pages free     {state.FreePages}"));
            lines.Add(Text($"        boost    {0}"));
            lines.Add(Text($"        min      {zone.Min}"));
            lines.Add(Text($"        low      {zone.Low}"));
            lines.Add(Text($"        high     {zone.High}"));
            lines.Add(Text($"        promo    {zone.Promo}"));
            lines.Add(Text($"        spanned  {zone.Spanned}"));
            lines.Add(Text($"        present  {zone.Present}"));
            lines.Add(Text($"        managed  {zone.Managed}"));
            lines.Add(Text($"        cma      {0}"));
            var protection = new StringBuilder("        protection: (");
            for (var i = 0; i < zone.Protection.Length; i++)
            {
                protection.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}{zone.Protection[i]}");
            }

            lines.Add(protection.Append(')').ToString());
            if (!zone.Populated)
            {
                continue;
            }

            lines.Add(Stat("nr_free_pages", state.FreePages));
            lines.Add(Stat("nr_free_pages_blocks", state.FreeBlockPages));
            lines.Add(Stat("nr_zone_inactive_anon", state.Lru[(int)LruList.InactiveAnon]));
            lines.Add(Stat("nr_zone_active_anon", state.Lru[(int)LruList.ActiveAnon]));
            lines.Add(Stat("nr_zone_inactive_file", state.Lru[(int)LruList.InactiveFile]));
            lines.Add(Stat("nr_zone_active_file", state.Lru[(int)LruList.ActiveFile]));
            lines.Add(Stat("nr_zone_unevictable", state.Lru[(int)LruList.Unevictable]));
            lines.Add(Stat("nr_zone_write_pending", state.WritePending));
            lines.Add(Stat("nr_mlock", state.Mlocked));
            lines.Add(Stat("nr_zspages", 0));
            lines.Add(Stat("nr_free_cma", 0));
            for (var i = 0; i < NumaEvents.Length; i++)
            {
                lines.Add(Stat(NumaEvents[i], state.NumaEvents?[i] ?? 0));
            }

            lines.Add("  pagesets");
            for (var cpu = 0; cpu < Mm.Zones.ZoneLayout.Cpus; cpu++)
            {
                lines.Add(Text($"    cpu: {cpu}"));
                lines.Add(Text($"              count:    {state.PcpCount}"));
                lines.Add(Text($"              high:     {zone.PcpHighMin}"));
                lines.Add(Text($"              batch:    {zone.PcpBatch}"));
                lines.Add(Text($"              high_min: {zone.PcpHighMin}"));
                lines.Add(Text($"              high_max: {zone.PcpHighMax}"));
                lines.Add(Text($"  vm stats threshold: {zone.StatThreshold}"));
            }

            lines.Add(Text($"  node_unreclaimable:  {((unreclaimableOf is null ? nodeUnreclaimable : unreclaimableOf(zone.Node)) ? 1 : 0)}"));
            lines.Add(Text($"  start_pfn:           {zone.StartPfn}"));
        }

        return lines;
    }

    /// <summary>The NUMA event counters (numa_stat_item) a zone prints after its vm counters.</summary>
    private static readonly string[] NumaEvents = ["numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other"];

    private static string Stat(string name, long value) => Text($"      {name,-12} {value}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
