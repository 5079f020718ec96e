namespace MemScript.Runtime;

/// <summary>
/// The series the report's charts draw, recorded by the runtime while the
/// scenario ran: samples taken at events (a timeline row, a kernel message)
/// and whenever simulated time passed <see cref="IntervalNs"/> since the last
/// tick, checked at statement and slice boundaries (never per page access).
/// At most <see cref="MaxSamples"/> samples are kept whatever the run's
/// length: when full, the interval at least doubles and the samples are
/// thinned to the last of each interval (keeping the lowest free memory of
/// those it stands for; the first sample stays), so a long run ends with
/// about as many points as a short one, evenly spread, at a coarser step. Deterministic: it depends on simulated time only.
/// Sizes are in kB, counters are cumulative counts since the start.
/// </summary>
public sealed record ChartSeries(
    long IntervalNs,
    long PageSizeBytes,
    IReadOnlyList<SeriesSample> Samples,
    IReadOnlyList<ProcessSeries> Processes,
    IReadOnlyList<ActiveSpan> KswapdSpans)
{
    /// <summary>Samples kept at most; past it, they are thinned.</summary>
    public const int MaxSamples = 512;

    /// <summary>Processes drawn on their own; the others are summed into one series.</summary>
    public const int MaxProcessLanes = 8;

    /// <summary>kswapd's active spans kept at most; past it, pairs merge into one span.</summary>
    public const int MaxSpans = 256;

    /// <summary>A run with no samples (it stopped before it began).</summary>
    public static readonly ChartSeries Empty = new(0, 4096, [], [], []);
}

/// <summary>
/// The machine at one moment: free memory (and the lowest it fell to since
/// the previous sample), the watermarks in force, and the cumulative fault and
/// swap counters (vmstat's pgfault - pgmajfault, pgmajfault, pswpin, pswpout).
/// </summary>
public readonly record struct SeriesSample(
    long TimeNs,
    long FreeKb,
    long LowestFreeKb,
    long MinKb,
    long LowKb,
    long HighKb,
    long MinorFaults,
    long MajorFaults,
    long Pswpin,
    long Pswpout);

/// <summary>
/// One process's memory over time (or, with <see cref="Others"/> above 0, the
/// sum of the processes past <see cref="ChartSeries.MaxProcessLanes"/>),
/// one value per <see cref="ChartSeries.Samples"/> entry.
/// </summary>
public sealed record ProcessSeries(int Pid, string Name, IReadOnlyList<ProcessSample> Samples)
{
    /// <summary>How many processes this series sums (0: it is one process, <see cref="Pid"/>).</summary>
    public int Others { get; init; }
}

/// <summary>RssAnon, RssFile, RssShmem and VmSwap in kB; <see cref="Alive"/> false before the process started and after it died.</summary>
public readonly record struct ProcessSample(long AnonKb, long FileKb, long ShmemKb, long SwapKb, bool Alive)
{
    public long RssKb => AnonKb + FileKb + ShmemKb;
}

/// <summary>A span of simulated time in which node <see cref="Node"/>'s kswapd (kswapdN) was awake.</summary>
public readonly record struct ActiveSpan(long StartNs, long EndNs, int Node = 0);
