namespace MemScript.Runtime.Sched;

/// <summary>
/// The simulated clock of the one CPU, in nanoseconds, and the work budget
/// that keeps a runaway scenario (<c>repeat 1000000000 { ... }</c>) from
/// hanging the tool: past <see cref="MaxWork"/> units of work or
/// <see cref="MaxSteps"/> statements the run stops with
/// <see cref="WorkLimitExceededException"/>. A unit is one page access that
/// hits; the kernel's slow paths (faults, swap I/O, reclaim scans, OOM kills)
/// weigh more (<see cref="Mm.Kernel.WorkUnits"/>), so a run stops within
/// seconds of host time whatever its work is: 2^26 hits take about 3.5 s at
/// the slowest (random) pattern, and a thrashing run whose every access is a
/// swap-in stops sooner; the busiest corpus scenario does 2 million units.
/// A statement (a scheduler round) counts <see cref="StepWork"/> units. The hot loop counts hits in a local and re-reads
/// the budget only after a fault (<see cref="RemainingWork"/>); kswapd's
/// reclaim batches are checked as statements are (<see cref="CountStep"/>).
/// An access statement's hot loop keeps its time in a local and hands it over
/// when it stops; what the kernel does in the middle of it (an OOM kill) is
/// stamped with the kernel's <see cref="Mm.Kernel.InFlightCostNs"/> added
/// (<see cref="SimSystem.Now"/>).
/// Time saturates: <see cref="EndOfTime"/> (2^63-1 ns, about 292 years) is
/// the end of simulated time, where a sum of times that would pass it stops.
/// A sleep, start or event due at or after it never comes (nothing wakes
/// early), and the clock never wraps backwards; a run whose own work reaches
/// it stops there at the work limit.
/// </summary>
internal sealed class SimClock
{
    public const long MaxWork = 1L << 26;
    public const long MaxSteps = 1L << 24;
    public const long StepWork = 4;

    /// <summary>The work budget of this run: <see cref="MaxWork"/>, lower in tests.</summary>
    public long WorkLimit { get; set; } = MaxWork;

    /// <summary>The kernel whose slow-path work counts against the budget (none in unit tests of the scheduler).</summary>
    public Mm.Kernel? Meter { get; set; }

    /// <summary>The end of simulated time; also "never" for a wake-up or an event.</summary>
    public const long EndOfTime = long.MaxValue;

    public long NowNs { get; private set; }

    /// <summary><paramref name="timeNs"/> + <paramref name="ns"/>, saturated to 0..<see cref="EndOfTime"/>.</summary>
    public static long Sum(long timeNs, long ns)
    {
        if (ns >= 0)
            return timeNs > EndOfTime - ns ? EndOfTime : timeNs + ns;
        return Math.Max(0, timeNs + ns);   // timeNs >= 0: no overflow
    }

    /// <summary>The time <paramref name="ns"/> from now, saturated at <see cref="EndOfTime"/>.</summary>
    public long After(long ns) => Sum(NowNs, ns);

    public long PageAccesses { get; private set; }

    public long Steps { get; private set; }

    public void Advance(long ns)
    {
        if (ns > 0)
            NowNs = Sum(NowNs, ns);
    }

    /// <summary>Moves an idle CPU forward to <paramref name="timeNs"/> (never backwards).</summary>
    public void JumpTo(long timeNs)
    {
        if (timeNs > NowNs)
            NowNs = timeNs;
    }

    /// <summary>Units of work done: page accesses counted so far and the kernel's slow-path work.</summary>
    public long Work => PageAccesses + StepWork * Steps + (Meter?.WorkUnits ?? 0);

    /// <summary>
    /// For a slice of a trace replay: its accesses are bounded by the file, not
    /// a runaway loop, so the budget is renewed to the run's limit past the
    /// work done so far, and a 100M-request trace runs to its end.
    /// </summary>
    public void RenewBudgetForTrace()
    {
        if (_traceBudget < 0)
            _traceBudget = WorkLimit;
        WorkLimit = Math.Max(WorkLimit, Work > long.MaxValue - _traceBudget ? long.MaxValue : Work + _traceBudget);
    }

    private long _traceBudget = -1;

    /// <summary>How many more hits the budget allows (negative past it); read at a fault, not per access.</summary>
    public long RemainingWork => WorkLimit - Work;

    /// <summary>Counts <paramref name="count"/> accesses made in a batch (the hot loop keeps its own count).</summary>
    public void CountAccesses(long count)
    {
        PageAccesses += count;
        CheckWork();
    }

    public void CountAccess() => CountAccesses(1);

    public void CountStep()
    {
        if (++Steps > MaxSteps)
            throw new WorkLimitExceededException($"the scenario ran more than {MaxSteps} statements; the simulation stops here");
        CheckWork();
    }

    private void CheckWork()
    {
        if (Work > WorkLimit)
            throw new WorkLimitExceededException(
                $"the scenario did more than {WorkLimit} units of work (page accesses, faults, swap I/O, reclaim scans); the simulation stops here");
        if (Host is { } host && (++_hostChecks & (HostCheckEvery - 1)) == 0)
            CheckHost(host);
        if (Progress is { } progress && Work >= _nextProgress)
        {
            _nextProgress = Work + ProgressEvery;
            progress.Update(NowNs, PageAccesses, Work, WorkLimit);
        }
    }

    /// <summary>How much work (in units) passes between two calls of <see cref="Progress"/>.</summary>
    public const long ProgressEvery = 1 << 16;

    private long _nextProgress = ProgressEvery;

    /// <summary>Who is told how the run goes (<c>memscript run</c> on a terminal), or null.</summary>
    public RunProgress? Progress { get; set; }

    /// <summary>How often (in budget checks) the host's heap and wall clock are read.</summary>
    private const int HostCheckEvery = 4096;

    private long _hostChecks;

    /// <summary>The host limits of this run (none in unit tests of the scheduler), and when the run started.</summary>
    public HostLimits? Host { get; set; }

    public long StartedTimestamp { get; set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    private void CheckHost(HostLimits host)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (heap > host.MaxHeapBytes && GC.GetTotalMemory(forceFullCollection: true) > host.MaxHeapBytes)
            throw new WorkLimitExceededException(
                $"the simulation holds more than {host.MaxHeapBytes / (1024 * 1024)} MiB of host memory (--max-memory); the simulation stops here");
        if (host.MaxWallTime is { } wall && System.Diagnostics.Stopwatch.GetElapsedTime(StartedTimestamp) > wall)
            throw new WorkLimitExceededException(
                $"the simulation ran longer than {(long)wall.TotalMilliseconds} ms of wall-clock time (--max-time); the simulation stops here");
    }
}
