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
/// </summary>
internal sealed class SimClock
{
    public const long MaxPageAccesses = 1L << 31;
    public const long MaxSteps = 1L << 24;

    public long NowNs { get; private set; }

    public long PageAccesses { get; private set; }

    public long Steps { get; private set; }

    public void Advance(long ns)
    {
        if (ns > 0)
            NowNs += ns;
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
