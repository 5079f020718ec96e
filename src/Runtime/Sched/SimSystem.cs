using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The simulated system a run builds: the kernel, the clock and scheduler,
/// the processes in creation order, the files and shared segments, and what
/// the report collects (timeline, expectations, self-check failures).
/// Process names resolve to the most recently created process of that name
/// (the live one for <c>kill</c>, any for <c>expect</c> and reports).
/// Every timeline event and expectation is recorded with who was acting
/// (<see cref="ActAs(ProcessTask)"/>: the running process, an <c>at</c> block,
/// the end of the run); the labels (<c>web</c>, <c>kid[103]</c>) are made when
/// the run is over, once it is known which names more than one process bore.
/// Under memory pressure it is the kernel's <see cref="Kernel.OomHost"/>
/// (<see cref="OomKiller"/>, whose kills it keeps) and runs a kswapd per node
/// (kswapd0, kswapd1, ...) as scheduler tasks (pid 0, not among the processes).
/// </summary>
internal sealed class SimSystem
{
    private readonly HashSet<int> _usedPids = new();
    private int _lastPid = 99;

    public SimSystem(MachineSettings machine, Kernel kernel)
    {
        Machine = machine;
        Kernel = kernel;
        Clock.Meter = kernel;
        Scheduler = new Scheduler(Clock, () => Machine.QuantumNs);
        OomKiller = new OomKiller(this);
        kernel.OomHost = OomKiller;
        if (kernel.Policy is Mm.Reclaim.FilePolicyAdapter file)
            file.Context.Clock = () => Now;
        Kswapd = new KswapdThreads(this, kernel);
        Khugepaged = new KhugepagedTask(this);
        Scheduler.AddKernelThread(Khugepaged);
        Series = new SeriesRecorder(this);
        Scheduler.BeforeSlice = Series.Tick;
    }

    /// <summary>The chart series, sampled at events and clock ticks.</summary>
    public SeriesRecorder Series { get; }

    /// <summary>The textbook frame tables being recorded, with the statement and process of each.</summary>
    public List<(ReferenceRecorder Recorder, Site Site, ProcessTask Task)> ReferenceTables { get; } = new();

    /// <summary>The OOM killer the kernel calls (<see cref="Kernel.OomHost"/>).</summary>
    public OomKiller OomKiller { get; }

    /// <summary>kswapd0 (and kswapd1... on NUMA), tasks of the scheduler but not of <see cref="Processes"/>.</summary>
    public KswapdThreads Kswapd { get; }

    /// <summary>khugepaged, a kernel thread of the scheduler like kswapd0.</summary>
    public KhugepagedTask Khugepaged { get; }

    public MachineSettings Machine { get; }

    public Kernel Kernel { get; }

    public SimClock Clock { get; } = new();

    public Scheduler Scheduler { get; }

    public List<ProcessTask> Processes { get; } = new();

    public Dictionary<string, (int Id, ulong Size)> Files { get; } = new(StringComparer.Ordinal);

    public List<TimelineEvent> Timeline { get; } = new();

    /// <summary>Who was acting when each <see cref="Timeline"/> event was recorded (same index).</summary>
    public List<Actor> TimelineActors { get; } = new();

    public List<ExpectationResult> Expectations { get; } = new();

    /// <summary>Who checked each of <see cref="Expectations"/> (same index).</summary>
    public List<Actor> ExpectationActors { get; } = new();

    /// <summary>Who is acting now: the process whose slice runs, an <c>at</c> block, or the end of the run.</summary>
    public Actor Acting { get; private set; } = new(null, "end");

    /// <summary>Statement rows per statement (line, column), whichever process ran it: how many were listed and how many cut.</summary>
    public Dictionary<(int Line, int Column), SiteRows> StatementRows { get; } = new();

    /// <summary>Snapshots per report statement (line, column): how many were kept and how many cut.</summary>
    public Dictionary<(int Line, int Column), SnapshotRows> SnapshotRows { get; } = new();

    public List<SelfCheck> FailedSelfChecks { get; } = new();

    /// <summary>The OOM killer's kills, in order.</summary>
    public List<OomKill> OomKills { get; } = new();

    /// <summary>Bytes pinned by <c>pressure</c> and not yet released.</summary>
    public ulong PinnedBytes { get; set; }

    /// <summary>The simulated time now, including what a running access loop has not yet handed to the clock.</summary>
    public long Now => SimClock.Sum(Clock.NowNs, Kernel.InFlightCostNs);

    /// <summary>Reserves an explicit pid, or the next free one after the last given.</summary>
    public int AllocatePid(int? wanted)
    {
        if (wanted is { } pid)
        {
            _usedPids.Add(pid);
            return pid;
        }
        do
            _lastPid++;
        while (_usedPids.Contains(_lastPid));
        _usedPids.Add(_lastPid);
        return _lastPid;
    }

    /// <summary>Marks explicit pids taken before default pids are handed out.</summary>
    public void ReservePid(int pid) => _usedPids.Add(pid);

    public void AddProcess(ProcessTask task)
    {
        Processes.Add(task);
        Scheduler.Add(task);
    }

    public ProcessTask? Latest(string name, bool liveOnly)
    {
        for (var i = Processes.Count - 1; i >= 0; i--)
        {
            var p = Processes[i];
            if (p.Name == name && (!liveOnly || p.IsLive))
                return p;
        }
        return null;
    }

    public void Add(TimelineEvent ev)
    {
        Timeline.Add(ev);
        TimelineActors.Add(Acting);
        Series.Force();
    }

    public void AddExpectation(ExpectationResult result)
    {
        Expectations.Add(result);
        ExpectationActors.Add(Acting);
    }

    public void ActAs(ProcessTask task) => Acting = new Actor(task, task.Name);

    /// <summary>Acting as <paramref name="actor"/> again (after a moment as another).</summary>
    public void ActAs(Actor actor) => Acting = actor;

    /// <summary>Acting outside any process: <c>at</c> or <c>end</c>.</summary>
    public void ActAs(string label) => Acting = new Actor(null, label);

    /// <summary>MODEL.md 10, at a report statement: failures are kept for the report with the time they were seen.</summary>
    public void CheckSelf(Site site)
    {
        foreach (var check in Kernel.SelfCheck())
            if (!check.Ok)
                FailedSelfChecks.Add(check with { Detail = $"{check.Detail} (at {Units.Ms(Now)}, {site})" });
    }
}
