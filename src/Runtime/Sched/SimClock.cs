namespace MemScript.Runtime.Sched;

/// <summary>
/// The simulated clock of the one CPU, in nanoseconds, and the work budget
/// that keeps a runaway scenario (<c>repeat 1000000000 { ... }</c>) from
/// hanging the tool: past <see cref="MaxPageAccesses"/> page accesses or
/// <see cref="MaxSteps"/> statements the run stops with
/// <see cref="WorkLimitExceededException"/>.
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
    public const long MaxPageAccesses = 1L << 31;
    public const long MaxSteps = 1L << 24;

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

    /// <summary>How many page accesses the budget still allows.</summary>
    public long RemainingAccesses => MaxPageAccesses - PageAccesses;

    /// <summary>Counts <paramref name="count"/> accesses made in a batch (the hot loop keeps its own count).</summary>
    public void CountAccesses(long count)
    {
        PageAccesses += count;
        if (PageAccesses > MaxPageAccesses)
            throw new WorkLimitExceededException($"the scenario made more than {MaxPageAccesses} page accesses; the simulation stops here");
    }

    public void CountAccess()
    {
        if (++PageAccesses > MaxPageAccesses)
            throw new WorkLimitExceededException($"the scenario made more than {MaxPageAccesses} page accesses; the simulation stops here");
    }

    public void CountStep()
    {
        if (++Steps > MaxSteps)
            throw new WorkLimitExceededException($"the scenario ran more than {MaxSteps} statements; the simulation stops here");
    }
}
