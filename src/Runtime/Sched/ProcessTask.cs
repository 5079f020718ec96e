using MemScript.Runtime.Glibc;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// A simulated process: pid, name, options, its address space in the kernel,
/// its malloc arena, and the body iterator the generated code wrote. The
/// scheduler runs it slice by slice: each <c>MoveNext</c> runs one statement;
/// an access statement yields an <see cref="Access.AccessOp"/> that runs
/// page by page and can be cut at the slice's end and resumed there.
/// A dead process keeps its last counters (faults) and shows no memory.
/// For the OOM killer it keeps its parent (fork), its CPU time (simulated
/// time spent running its slices, not waiting for I/O) and when it started;
/// <see cref="LegacyOomAdj"/> is the oom_adj of <c>oom legacy</c>, as written
/// or converted from oom_score_adj as /proc does. A process killed in the
/// middle of a statement (<see cref="KillInStatement"/>) gets that
/// statement's row with what it did so far (<c>oom-killed</c>, <c>killed</c>).
/// </summary>
internal sealed partial class ProcessTask : ISchedTask
{
    private readonly SimSystem _system;
    private Func<Proc, IEnumerable<Op>>? _bodyFactory;
    private IEnumerator<Op>? _body;
    private Access.AccessOp? _pending;
    private ProcStatus _final;
    private (Site Site, StatementMark Mark)? _open;
    private bool _openRowWritten;
    private int _openSlices = 1;
    private bool _blockedSinceLastSlice;
    private int _oomScoreAdj;

    public ProcessTask(SimSystem system, int pid, string name, ProcessOptions options, Func<Proc, IEnumerable<Op>> body)
    {
        _system = system;
        Pid = pid;
        Name = name;
        Options = options;
        OomScoreAdj = options.OomScoreAdj;
        LegacyOomAdj = options.OomAdj ?? LegacyBadness.FromScoreAdj(options.OomScoreAdj);
        _bodyFactory = body;
        Proc = new TaskProc(system, this);
    }

    public int Pid { get; }
    public string Name { get; }
    public ProcessOptions Options { get; }
    public string Command => Options.Command ?? Name;
    /// <summary>/proc/PID/oom_score_adj; writing it sets <see cref="LegacyOomAdj"/> as the kernel converts it.</summary>
    public int OomScoreAdj
    {
        get => _oomScoreAdj;
        set
        {
            _oomScoreAdj = value;
            LegacyOomAdj = LegacyBadness.FromScoreAdj(value);
        }
    }

    /// <summary>oom_adj (-17..15) for <c>oom legacy</c>.</summary>
    public int LegacyOomAdj { get; set; }

    /// <summary>The process that forked this one, or null.</summary>
    public ProcessTask? Parent { get; set; }

    /// <summary>Simulated time spent running (its slices), not sleeping or waiting for I/O.</summary>
    public long CpuTimeNs { get; private set; }

    private long _waitedInPlaceNs;

    /// <summary>When it started (its start time, or the fork).</summary>
    public long StartedNs { get; private set; }
    public ProcessState State { get; private set; } = ProcessState.Alive;
    public int Mm { get; private set; } = -1;
    public MallocArena? Arena { get; private set; }
    public TaskProc Proc { get; }
    public long StartNs => Options.StartNs;
    public TaskRunState RunState { get; private set; } = TaskRunState.NotStarted;
    public long WakeAtNs { get; private set; }

    /// <summary>When it exited or was killed (valid once <see cref="RunState"/> is <see cref="TaskRunState.Dead"/>).</summary>
    public long EndedNs { get; private set; }

    /// <summary>The statement that ended it (its own <c>exit</c>, the access that faulted, the <c>kill</c>), or <see cref="Site.None"/>.</summary>
    public Site EndSite { get; private set; } = Site.None;

    /// <summary>Killed by the OOM killer.</summary>
    public bool OomKilled { get; private set; }

    /// <summary>Where the statement in progress stands, or null between statements.</summary>
    public Site? OpenSite => _open?.Site;

    /// <summary>Started and neither exited nor killed.</summary>
    public bool IsLive => RunState is TaskRunState.Runnable or TaskRunState.Sleeping or TaskRunState.Idle;

    public Kernel Kernel => _system.Kernel;

    public SimClock Clock => _system.Clock;

    public void Start()
    {
        Mm = Kernel.CreateAddressSpace(Command, Options.LimitStack, Options.LimitAs, Options.LimitData);
        if (Options.Node is not null || Options.Mempolicy is not null)
            Kernel.SetNumaTask(Mm, Options.Node, Options.Mempolicy);
        Arena = new MallocArena(new KernelMallocHost(this), _system.Machine.MmapThreshold, _system.Machine.TopPad, _system.Machine.Is32Bit);
        RunState = TaskRunState.Runnable;
        StartedNs = _system.Now;
        _system.Series.Track(this);
        _system.Add(new TimelineEvent.Kernel(_system.Now, Site.None, Pid, Name, ["starts"]));
        _body = _bodyFactory!(Proc).GetEnumerator();
        _bodyFactory = null;
    }

    /// <summary>A fork child: the kernel's copy of the parent's address space and a copy of its arena.</summary>
    public void StartForked(int mm, MallocArena parentArena, Func<Proc, IEnumerable<Op>> body)
    {
        Mm = mm;
        Arena = parentArena.CloneFor(new KernelMallocHost(this));
        RunState = TaskRunState.Runnable;
        StartedNs = _system.Now;
        _system.Series.Track(this);
        _bodyFactory = null;
        _body = body(Proc).GetEnumerator();
    }

    public void Wake()
    {
        RunState = TaskRunState.Runnable;
        InIoWait = false;
    }

    /// <summary>Blocked on a major fault's disk read (top's <c>D</c>), not a <c>sleep</c>.</summary>
    public bool InIoWait { get; private set; }

    /// <summary>Blocks for an I/O wait (a major fault's read): like a sleep, the pending op resumes on wake-up.</summary>
    public void WaitForIo(long nanoseconds)
    {
        if (nanoseconds <= 0)
            return;
        WakeAtNs = Clock.After(nanoseconds);
        RunState = TaskRunState.Sleeping;
        InIoWait = true;
        _blockedSinceLastSlice = true;
    }

    /// <summary>
    /// An I/O wait spent in place when nothing else could run or happen
    /// meanwhile (<see cref="Scheduler.NothingElseUntil"/>): the clock moves on,
    /// the wait is not CPU time, and the op goes on in the same slice. False:
    /// block with <see cref="WaitForIo"/> instead.
    /// </summary>
    public bool TryWaitInPlace(long nanoseconds)
    {
        if (nanoseconds <= 0)
            return true;
        if (!_system.Scheduler.NothingElseUntil(this, Clock.After(nanoseconds)))
            return false;
        Clock.Advance(nanoseconds);
        _waitedInPlaceNs += nanoseconds;
        return true;
    }

    public void RunSlice(long sliceEndNs)
    {
        _system.ActAs(this);
        if (Mm >= 0)
        {
            Kernel.SwitchMm(Mm);
        }

        // The statement in progress goes on in another slice when another task ran
        // meanwhile or it waited for a disk read; a turn that just goes on after its
        // own quantum ended (nobody else wanted the CPU) is not a cut.
        if (_open != null && (_blockedSinceLastSlice || !ReferenceEquals(_system.Scheduler.PreviousRunner, this)))
            _openSlices++;
        _blockedSinceLastSlice = false;

        var started = Clock.NowNs;
        try
        {
            Run(sliceEndNs);
        }
        finally
        {
            CpuTimeNs += Clock.NowNs - started - _waitedInPlaceNs;
            _waitedInPlaceNs = 0;
        }
    }

    private void Run(long sliceEndNs)
    {
        while (RunState == TaskRunState.Runnable && Clock.NowNs < sliceEndNs)
        {
            if (_pending != null)
            {
                if (!_pending.Step(sliceEndNs))
                    return;
                _pending = null;
                continue;
            }
            Clock.CountStep();
            if (Clock.NowNs >= _system.Series.NextTickNs)
                _system.Series.Tick();
            var more = _body!.MoveNext();
            if (RunState == TaskRunState.Dead)
                return;
            if (!more)
            {
                RunState = TaskRunState.Idle;
                _body.Dispose();
                return;
            }
            switch (_body.Current)
            {
                case Access.AccessOp access:
                    _pending = access;
                    break;
                case SleepOp sleep when sleep.Nanoseconds > 0:
                    WakeAtNs = Clock.After(sleep.Nanoseconds);
                    RunState = TaskRunState.Sleeping;
                    return;
            }
        }
    }

    /// <summary>/proc/PID/status now: the kernel's figures while alive, zeros (but the fault counts) once dead.</summary>
    /// <summary>The textbook frame-table recorder for an access statement of this process, or null.</summary>
    public ReferenceRecorder? ReferenceRecorderFor(Site site, Region region, AccessPattern pattern) =>
        ReferenceRecorder.For(_system, this, site, region, pattern);

    public ProcStatus Status() => Mm >= 0 && RunState != TaskRunState.Dead ? Kernel.Status(Mm) : _final;

    /// <summary>The part of <see cref="Status"/> a statement's row needs (O(1): no walk of the VMAs).</summary>
    private (long MinFlt, long MajFlt, ulong Rss) FaultsAndRss() =>
        Mm >= 0 && RunState != TaskRunState.Dead ? Kernel.FaultsAndRss(Mm) : (_final.MinFlt, _final.MajFlt, _final.VmRss);

    /// <summary>Starts a statement at <paramref name="site"/>: it is open until <see cref="End"/> (see <see cref="EndOpenStatement"/>).</summary>
    public StatementMark Begin(Site site)
    {
        var s = FaultsAndRss();
        var mark = new StatementMark(_system.Now, s.MinFlt, s.MajFlt, s.Rss);
        _open = (site, mark);
        _openSlices = 1;
        return mark;
    }

    /// <summary>
    /// Adds the statement that began at <paramref name="mark"/> to the timeline
    /// with what it caused. A statement lists at most
    /// <see cref="TimelineEvent.Omitted.Listed"/> rows, whichever processes ran
    /// it (fork children share their body's statements); the others are
    /// counted, and one <see cref="TimelineEvent.Omitted"/> row stands for them.
    /// </summary>
    public void End(Site site, in StatementMark mark, string? detail)
    {
        if (_openRowWritten)
        {
            // Killed in this statement: its row was written at the kill.
            _openRowWritten = false;
            return;
        }
        Record(site, mark, detail, mayCut: true);
    }

    private void Record(Site site, in StatementMark mark, string? detail, bool mayCut)
    {
        _open = null;
        var key = (site.Line, site.Column);
        if (!_system.StatementRows.TryGetValue(key, out var rows))
            _system.StatementRows[key] = rows = new SiteRows();
        if (mayCut && rows.Listed >= TimelineEvent.Omitted.Listed)
        {
            if (rows.OmittedIndex < 0)
            {
                rows.OmittedIndex = _system.Timeline.Count;
                _system.Add(new TimelineEvent.Omitted(mark.TimeNs, site, Pid, Name, 0));
            }
            rows.Cut++;
            (rows.CutPids ??= new HashSet<int>()).Add(Pid);
            return;
        }
        rows.Listed++;
        var s = FaultsAndRss();
        var rssDeltaKb = ((long)s.Rss - (long)mark.Rss) / 1024;
        _system.Add(new TimelineEvent.Statement(mark.TimeNs, site, Pid, Name, s.MinFlt - mark.MinFlt, s.MajFlt - mark.MajFlt, rssDeltaKb, detail)
        {
            Slices = _openSlices,
            EndNs = _system.Now,
        });
    }

    /// <summary>When the run stops in the middle of a statement: its row, with what it did so far, and detail <c>stopped</c>.</summary>
    public void EndOpenStatement()
    {
        if (_open is not var (site, mark))
            return;
        _system.ActAs(this);
        Record(site, mark, "stopped", mayCut: false);
    }

    /// <summary>
    /// Killed from outside (the OOM killer, <c>kill NAME</c>): the statement in
    /// progress, if any, gets its row now with <paramref name="rowDetail"/> and
    /// what it did so far; then the process dies.
    /// </summary>
    public void KillInStatement(string rowDetail, Site site, params string[] lines)
    {
        if (!IsLive)
            return;
        if (_open is var (openSite, mark))
        {
            var actor = _system.Acting;
            _system.ActAs(this);
            Record(openSite, mark, rowDetail, mayCut: false);
            _system.ActAs(actor);
            _openRowWritten = true;
        }
        OomKilled = rowDetail == "oom-killed";
        Die(ProcessState.Killed, site, lines);
    }

    /// <summary>Ends the process (exit, kill, signal): its memory is freed at once.</summary>
    public void Die(ProcessState how, Site site, params string[] lines)
    {
        if (!IsLive && RunState != TaskRunState.NotStarted)
            return;
        if (Mm >= 0)
        {
            var s = Kernel.Status(Mm);
            _final = new ProcStatus(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, s.MinFlt, s.MajFlt, 0);
            Kernel.Exit(Mm);
        }
        RunState = TaskRunState.Dead;
        State = how;
        EndedNs = _system.Now;
        EndSite = site;
        _pending = null;
        _open = null;
        if (lines.Length > 0)
            _system.Add(new TimelineEvent.Kernel(_system.Now, site, Pid, Name, lines));
        else
            _system.Series.Force();   // the memory it freed shows at once on the charts
    }

    /// <summary>Advances the clock by what the last system call cost (populate, munmap...).</summary>
    public void ChargeSyscall()
    {
        // The VMAs and page cache the call changed cost their slab objects (Kernel.Slab.cs).
        if (Mm >= 0 && Kernel.IsAlive(Mm))
            Kernel.SlabSync(Mm);
        Clock.Advance(Kernel.LastSyscallCostNs);
    }
}
