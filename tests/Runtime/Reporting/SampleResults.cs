using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>
/// Simulation results built by hand, shaped like the lazy-allocation story of REPORT-SKETCH.md.
/// Events and expectations given without <c>Who</c> are the process p's (<c>p:LINE</c>).
/// </summary>
internal static class SampleResults
{
    public static MachineSummary Machine { get; } = new(
        [
            new("ram", "64 MiB"), new("swap", "0"), new("page", "4 KiB"), new("reclaim", "linux"),
            new("overcommit", "heuristic"), new("watermarks", "auto"), new("fault_around", "64 KiB"), new("readahead", "128 KiB"),
        ],
        [new("tlb hit", "4 ns"), new("walk", "20 ns"), new("anon fault", "1.6 us"), new("zero-page fault", "0.7 us"), new("major", "80 us")],
        256, 320, 384);

    public static ProcessSummary Process(string name = "p", int pid = 100, ProcessState state = ProcessState.Alive) =>
        new(name, pid, state, name, "root", VmSizeKb: 344, VmRssKb: 68, RssAnonKb: 68, RssFileKb: 0, RssShmemKb: 0,
            VmSwapKb: 0, VmPteKb: 4, VmDataKb: 148, VmStkKb: 132, MinFlt: 17, MajFlt: 0, OomScore: 666, OomScoreAdj: 0);

    public static IReadOnlyList<Counter> Vmstat(long pgfault = 17) =>
        Enum.GetValues<VmCounter>().Select(c => new Counter(c.ToString(), c == VmCounter.pgfault ? pgfault : 0)).ToList();

    public static IReadOnlyList<Counter> Meminfo() =>
        [new("MemTotal", 65536), new("MemFree", 64000), new("AnonPages", 68), new("Active(anon)", 68)];

    public static IReadOnlyList<string> Maps() => MapsFormatter.Format(
    [
        new VmaInfo(0x555555554000, 0x555555564000, "r-xp", 0, "00:00", 0, "p"),
        new VmaInfo(0x555555568000, 0x555555589000, "rw-p", 0, "00:00", 0, "[heap]"),
        new VmaInfo(0x7ffff7ff0000, 0x7ffff7ff4000, "rw-p", 0, "00:00", 0, ""),
    ]);

    public static ExpectationResult Expect(int line, string text, bool passed, string actual, string expected) =>
        new(new Site(line, 3, "expect " + text), text, passed, actual, expected);

    public static SimulationResult LazyAllocation(
        IReadOnlyList<TimelineEvent>? timeline = null,
        IReadOnlyList<ExpectationResult>? expectations = null,
        IReadOnlyList<Site>? headerNotes = null,
        RunOutcome outcome = RunOutcome.Completed,
        string? outcomeMessage = null,
        IReadOnlyList<ProcessSummary>? processes = null,
        IReadOnlyList<OomKill>? oomKills = null,
        IReadOnlyList<SelfCheck>? checks = null) => new(
        "scenarios/lazy-allocation.mems",
        Machine,
        headerNotes ?? [],
        ByP(timeline ??
        [
            new TimelineEvent.Statement(0, new Site(3, 3, "a = malloc 64K"), 100, "p", 2, 0, 8, "brk +132 KiB"),
            new TimelineEvent.Statement(3_000, new Site(4, 3, "touch a"), 100, "p", 15, 0, 60, null),
            new TimelineEvent.Note(27_000, new Site(5, 3, "note"),
                "Anonymous memory is allocated on first write: 64 KiB is 17 pages here because the block starts 672 bytes into the heap."),
            new TimelineEvent.Snapshot(27_000, new Site(7, 3, "maps"), "/proc/100/maps", Maps()),
        ]),
        processes ?? [Process()],
        Vmstat(),
        Meminfo(),
        oomKills ?? [],
        (expectations ?? [Expect(8, "p.minflt == 17", true, "17", "17")]).Select(e => e with { Who = e.Who ?? "p" }).ToList(),
        checks ?? [new SelfCheck("frames conserved", true, null), new SelfCheck("content stamps intact", true, null)],
        27_000,
        outcome,
        outcomeMessage);

    private static List<TimelineEvent> ByP(IReadOnlyList<TimelineEvent> events) =>
        events.Select(e => e.Who != null ? e : e is TimelineEvent.Expect x
            ? x with { Who = "p", Result = x.Result with { Who = x.Result.Who ?? "p" } }
            : e with { Who = "p" }).ToList();
}
