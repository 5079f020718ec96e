using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// <c>perf stat</c>'s counter lines (tools/perf/util/stat-display.c): a
/// header (<c> Performance counter stats for process id '100':</c>, or
/// <c>'system wide'</c>), a blank line, then each count right-aligned in 18
/// columns with thousands separators, six spaces, the event name padded to
/// 32, and for dTLB-load-misses and iTLB-load-misses the shadow metric
/// <c>#    4.00% of all dTLB cache accesses</c> when there were accesses.
/// The events: page-faults, minor-faults, major-faults, the six TLB events
/// and the tlb:tlb_flush tracepoint. No task-clock, so no rates.
/// </summary>
internal static class PerfFormatter
{
    public static IReadOnlyList<string> Format(string target, long minorFaults, long majorFaults, TlbCounters tlb) =>
    [
        $" Performance counter stats for {target}:",
        "",
        Line(minorFaults + majorFaults, "page-faults"),
        Line(minorFaults, "minor-faults"),
        Line(majorFaults, "major-faults"),
        Line(tlb.DtlbLoads, "dTLB-loads"),
        Line(tlb.DtlbLoadMisses, "dTLB-load-misses", Ratio(tlb.DtlbLoadMisses, tlb.DtlbLoads, "dTLB")),
        Line(tlb.DtlbStores, "dTLB-stores"),
        Line(tlb.DtlbStoreMisses, "dTLB-store-misses"),
        Line(tlb.ItlbLoads, "iTLB-loads"),
        Line(tlb.ItlbLoadMisses, "iTLB-load-misses", Ratio(tlb.ItlbLoadMisses, tlb.ItlbLoads, "iTLB")),
        Line(tlb.TlbFlushes, "tlb:tlb_flush"),
    ];

    private static string Line(long value, string name, string? metric = null)
    {
        var count = value.ToString("#,0", CultureInfo.InvariantCulture).PadLeft(18);
        return metric is null ? count + "      " + name : count + "      " + name.PadRight(32) + " " + metric;
    }

    private static string? Ratio(long misses, long accesses, string tlb) =>
        accesses == 0 ? null : "# " + (misses * 100.0 / accesses).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(7) + "% of all " + tlb + " cache accesses";
}
