namespace MemScript.Runtime;

/// <summary>
/// Everything a run produced, as data: the report renderers (text, JSON,
/// Markdown, HTML) only turn this into text. Lists are in a stable order:
/// the timeline in simulated-time order (ties in the order things happened),
/// processes by pid, counters in their enum order.
/// </summary>
public sealed record SimulationResult(
    string SourcePath,
    MachineSummary Machine,
    IReadOnlyList<Site> HeaderNotes,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<ProcessSummary> Processes,
    IReadOnlyList<Counter> Vmstat,
    IReadOnlyList<Counter> Meminfo,
    IReadOnlyList<OomKill> OomKills,
    IReadOnlyList<ExpectationResult> Expectations,
    IReadOnlyList<SelfCheck> SelfChecks,
    long ElapsedNs,
    RunOutcome Outcome,
    string? OutcomeMessage)
{
    /// <summary>The series the charts draw (free memory, RSS per process, faults, swap, kswapd's spans).</summary>
    public ChartSeries Series { get; init; } = ChartSeries.Empty;

    /// <summary>The textbook frame tables of <c>pages</c> accesses on a machine of a few frames, in the order they ran.</summary>
    public IReadOnlyList<ReferenceTable> ReferenceTables { get; init; } = [];

    /// <summary>True when the run completed (or the simulated kernel panicked), every expectation passed and the self-checks held.</summary>
    public bool Passed => Outcome is RunOutcome.Completed or RunOutcome.KernelPanic && Expectations.All(e => e.Passed) && SelfChecks.All(c => c.Ok);
}

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>No process runnable or sleeping and no event pending.</summary>
    Completed,
    /// <summary>
    /// No frame was free, nothing could be reclaimed and the OOM killer found no
    /// victim: the kernel panicked ("System is deadlocked on memory").
    /// </summary>
    KernelPanic,
    /// <summary>A MemScript bug (a self-check failed hard, or an exception): reported, never thrown.</summary>
    InternalError,
    /// <summary>The scenario did more simulated work than the runtime allows (a runaway loop): stopped, not hung.</summary>
    WorkLimit,
    /// <summary>A policy file stopped the run (MEMS41nn: its budget, an exception, an invalid answer); the message is the diagnostic.</summary>
    PolicyError,
    /// <summary>A trace file could not be read on (MEMS50nn at its line or record); the message is the diagnostic.</summary>
    TraceError,
}

/// <summary>A named value in the order and units the kernel prints (vmstat: counts; meminfo: kB).</summary>
public sealed record Counter(string Name, long Value);

/// <summary>
/// The machine and costs in force. <see cref="Settings"/> are name/value pairs
/// as used, in LANGUAGE.md's order, values already formatted (<c>64 MiB</c>);
/// <see cref="Costs"/> likewise (<c>tlb hit</c>, <c>4 ns</c>).
/// </summary>
public sealed record MachineSummary(
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<KeyValuePair<string, string>> Costs,
    long WatermarkMinPages,
    long WatermarkLowPages,
    long WatermarkHighPages);

/// <summary>One process at the end of the run (sizes in kB, as /proc/PID/status prints them).</summary>
public sealed record ProcessSummary(
    string Name,
    int Pid,
    ProcessState State,
    string Command,
    string User,
    long VmSizeKb,
    long VmRssKb,
    long RssAnonKb,
    long RssFileKb,
    long RssShmemKb,
    long VmSwapKb,
    long VmPteKb,
    long VmDataKb,
    long VmStkKb,
    long MinFlt,
    long MajFlt,
    int OomScore,
    int OomScoreAdj)
{
    /// <summary>/proc/PID/status VmLck at the end, in kB.</summary>
    public long VmLckKb { get; init; }

    /// <summary>perf's TLB counters of the process at the end.</summary>
    public TlbCounters Tlb { get; init; }
}

/// <summary>An OOM kill: when, whom, with what badness, among how many candidates.</summary>
public sealed record OomKill(long TimeNs, string Victim, int Pid, long Score, int Candidates)
{
    /// <summary>Every candidate with its badness figures, in process order (at most the task table's rows).</summary>
    public IReadOnlyList<OomRankedTask> Ranking { get; init; } = [];

    /// <summary>True under <c>oom legacy</c> (2.6.35's points), false for today's badness.</summary>
    public bool Legacy { get; init; }
}

/// <summary>
/// An expect, checked (or never reached): <see cref="Actual"/> formatted as the subject prints (sizes in kB).
/// <see cref="Who"/> is who checked it, as <see cref="TimelineEvent.Who"/> says it.
/// </summary>
public sealed record ExpectationResult(Site Site, string Text, bool Passed, string Actual, string Expected)
{
    /// <summary>A process label, <c>at</c> or <c>end</c>; null when not known.</summary>
    public string? Who { get; init; }

    /// <summary>
    /// Null for an expectation that was checked; for one the run never reached,
    /// what ended first (<c>hog (pid 101) was killed by the OOM killer at 12.000 ms</c>).
    /// An unreached expectation has <see cref="Passed"/> false.
    /// </summary>
    public string? NotReachedBecause { get; init; }

    /// <summary>False when the run never got to the expect.</summary>
    public bool Reached => NotReachedBecause is null;

    /// <summary>held, failed or not reached.</summary>
    public ExpectationStatus Status => !Reached ? ExpectationStatus.NotReached : Passed ? ExpectationStatus.Held : ExpectationStatus.Failed;
}

/// <summary>What became of an expect: it held, it failed, or the run never reached it.</summary>
public enum ExpectationStatus
{
    Held,
    Failed,
    NotReached,
}

/// <summary>
/// A runtime self-check (MODEL.md section 10): frame conservation, content stamps.
/// <see cref="Detail"/> is one line; on failure <see cref="Differed"/> lists each
/// invariant that did not hold, with the counted and the found value.
/// </summary>
public sealed record SelfCheck(string Name, bool Ok, string? Detail)
{
    public IReadOnlyList<string> Differed { get; init; } = [];
}
