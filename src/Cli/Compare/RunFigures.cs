using System.Globalization;
using MemScript.Runtime;

namespace MemScript.Cli.Compare;

/// <summary>
/// The figures a comparison shows for one run, taken from the run's result
/// (its /proc/vmstat counters, OOM kills, clock and expectations), named and
/// ordered as mmtests' compare reports name them: minor faults
/// (<c>pgfault - pgmajfault</c>), major faults, the processes' dTLB load
/// misses (perf's dTLB-load-misses, summed), swap ins and outs, pages
/// scanned and reclaimed by kswapd and by direct reclaim, kswapd efficiency
/// (<c>pgsteal_kswapd / pgscan_kswapd</c>), allocation stalls, workingset
/// refaults (anon, file), OOM kills and their victims, simulated time and
/// expectations held.
/// </summary>
public static class RunFigures
{
    /// <summary>The keys, in the order the table shows them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "minor_faults", "major_faults", "dtlb_load_misses", "pswpin", "pswpout", "pgscan_kswapd", "pgsteal_kswapd", "pgscan_direct", "pgsteal_direct",
        "kswapd_efficiency", "allocstall", "workingset_refault_anon", "workingset_refault_file", "oom_kill", "oom_victims",
        "elapsed", "expectations",
    ];

    public static IReadOnlyList<Figure> Of(SimulationResult result)
    {
        var vmstat = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in result.Vmstat)
            vmstat[counter.Name] = counter.Value;
        long V(string name) => vmstat.GetValueOrDefault(name);

        var scan = V("pgscan_kswapd");
        var held = 0;
        foreach (var e in result.Expectations)
            held += e.Passed ? 1 : 0;
        var victims = string.Join(", ", result.OomKills.Select(static k => string.Create(CultureInfo.InvariantCulture, $"{k.Victim} (pid {k.Pid})")));

        return
        [
            new("minor_faults", "Minor faults", FigureKind.Count, V("pgfault") - V("pgmajfault")),
            new("major_faults", "Major faults", FigureKind.Count, V("pgmajfault")),
            new("dtlb_load_misses", "dTLB-load-misses", FigureKind.Count, result.Processes.Sum(static p => p.Tlb.DtlbLoadMisses)),
            new("pswpin", "Swap ins", FigureKind.Count, V("pswpin")),
            new("pswpout", "Swap outs", FigureKind.Count, V("pswpout")),
            new("pgscan_kswapd", "Kswapd pages scanned", FigureKind.Count, scan),
            new("pgsteal_kswapd", "Kswapd pages reclaimed", FigureKind.Count, V("pgsteal_kswapd")),
            new("pgscan_direct", "Direct pages scanned", FigureKind.Count, V("pgscan_direct")),
            new("pgsteal_direct", "Direct pages reclaimed", FigureKind.Count, V("pgsteal_direct")),
            new("kswapd_efficiency", "Kswapd efficiency", FigureKind.Ratio, scan == 0 ? null : V("pgsteal_kswapd") * 10_000 / scan),
            new("allocstall", "Allocation stalls", FigureKind.Count, V("allocstall")),
            new("workingset_refault_anon", "Refaults anon", FigureKind.Count, V("workingset_refault_anon")),
            new("workingset_refault_file", "Refaults file", FigureKind.Count, V("workingset_refault_file")),
            new("oom_kill", "OOM kills", FigureKind.Count, V("oom_kill")),
            new("oom_victims", "OOM victims", FigureKind.Text, null, victims),
            new("elapsed", "Simulated time", FigureKind.Time, result.ElapsedNs),
            new("expectations", "Expectations held", FigureKind.Text, null,
                string.Create(CultureInfo.InvariantCulture, $"{held}/{result.Expectations.Count}")),
        ];
    }
}
