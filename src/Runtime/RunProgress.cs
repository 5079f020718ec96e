namespace MemScript.Runtime;

/// <summary>
/// Where a run is, for a progress display: told the simulated time, the page
/// accesses done and the units of work done (out of the work limit) every
/// <see cref="Sched.SimClock.ProgressEvery"/> units of work, from the
/// simulation's own thread, at the points where the clock checks its budget
/// (never inside the hot loop of an access statement, so it costs nothing
/// per access). It only looks: nothing it does changes the run or its report.
/// With <c>reclaim opt</c> the run is made twice, and the figures start
/// again for the second pass.
/// </summary>
public abstract class RunProgress
{
    public abstract void Update(long simulatedNs, long pageAccesses, long work, long workLimit);
}
