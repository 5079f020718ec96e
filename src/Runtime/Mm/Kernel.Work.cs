namespace MemScript.Runtime.Mm;

/// <summary>
/// The work the kernel's slow paths have done, in units of one page access
/// that hits (the cheapest thing a run does), for the work limit
/// (<see cref="Sched.SimClock"/>). Read from the vmstat counters those paths
/// already keep, so counting costs nothing where the work is done: each
/// fault, each major fault (a page read from swap or a file), each page
/// written to or read from swap, each page a reclaim pass scans or moves
/// between the active and inactive lists, each OOM kill (a task scan).
/// The weights are the host work of each, roughly, against a hit.
/// </summary>
internal sealed partial class Kernel
{
    public const long FaultWork = 8;
    public const long MajorFaultWork = 8;
    public const long SwapIoWork = 8;
    public const long ScanWork = 4;
    public const long OomKillWork = 1 << 16;

    /// <summary>Work units done so far in the kernel's slow paths; a few reads, for the slow paths only.</summary>
    public long WorkUnits =>
        FaultWork * _vmstat[(int)VmCounter.pgfault]
        + MajorFaultWork * _vmstat[(int)VmCounter.pgmajfault]
        + SwapIoWork * (_vmstat[(int)VmCounter.pswpin] + _vmstat[(int)VmCounter.pswpout])
        + ScanWork * (_vmstat[(int)VmCounter.pgscan_kswapd] + _vmstat[(int)VmCounter.pgscan_direct]
            + _vmstat[(int)VmCounter.pgactivate] + _vmstat[(int)VmCounter.pgdeactivate])
        + OomKillWork * _vmstat[(int)VmCounter.oom_kill];
}
