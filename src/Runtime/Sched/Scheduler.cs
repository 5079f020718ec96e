namespace MemScript.Runtime.Sched;

/// <summary>
/// One CPU, round-robin (LANGUAGE.md 8, MODEL.md 9). Tasks are kept in pid
/// order; after a turn the CPU goes to the next runnable task with a higher
/// pid, wrapping around. A turn lasts a quantum, but a slice is cut at the
/// next pending <c>at</c> event, start time or wake-up (the running op stops
/// between two page accesses once the clock reaches it), so these happen on
/// time. Then: tasks whose start time has come start, sleepers (and tasks
/// waiting for I/O) whose time has come wake, and events whose time has come
/// fire (in time, then declaration, order). A cut that only fired events
/// lets the running task go on with the rest of its quantum; a cut where a
/// task woke or started ends its turn, and the next runnable task in pid
/// order runs (so a task back from I/O does not wait a whole quantum of a
/// busy one). When nothing is runnable the clock jumps to the next start,
/// wake-up or event. The run ends when no task is runnable, sleeping or
/// waiting to start and no event is pending.
/// A kernel thread registered with <see cref="AddKernelThread"/> (kswapd0,
/// khugepaged) preempts: when it becomes runnable it gets the CPU at the next scheduling
/// point (the running op stops after the fault that woke it, see
/// <see cref="Access.AccessOp"/>), runs a quantum at most, and the task it
/// interrupted then resumes with the rest of its turn, as a woken kernel
/// thread preempts a user task under CFS.
/// </summary>
internal sealed class Scheduler(SimClock clock, Func<long> quantumNs)
{
    private readonly List<ISchedTask> _tasks = new();
    private readonly List<TimedEvent> _events = new();
    private long _eventSequence;
    private int _lastPid = int.MinValue;
    private ISchedTask? _current;
    private long _turnEndNs;
    private readonly List<ISchedTask> _kernelThreads = new();
    private ISchedTask? _interrupted;
    private long _interruptedRemainingNs;

    public IReadOnlyList<ISchedTask> Tasks => _tasks;

    private ISchedTask? _lastRunner;

    /// <summary>While a slice runs: the task whose slice ran before it (null for the first).</summary>
    public ISchedTask? PreviousRunner { get; private set; }

    public int PendingEvents => _events.Count;

    /// <summary>Called before each slice runs (the chart series' clock tick).</summary>
    public Action? BeforeSlice { get; set; }

    public void Add(ISchedTask task)
    {
        var index = _tasks.Count;
        while (index > 0 && _tasks[index - 1].Pid > task.Pid)
            index--;
        _tasks.Insert(index, task);
    }

    /// <summary>Adds a kernel thread: a task that preempts the others whenever it is runnable.</summary>
    public void AddKernelThread(ISchedTask task)
    {
        _kernelThreads.Add(task);
        Add(task);
    }

    private bool IsKernelThread(ISchedTask? task) => task != null && _kernelThreads.Contains(task);

    /// <summary>The first runnable kernel thread in the order they were added, unless one is running now.</summary>
    private ISchedTask? KernelThreadToRun()
    {
        if (_current is { RunState: TaskRunState.Runnable } running && IsKernelThread(running))
            return null;
        foreach (var thread in _kernelThreads)
            if (thread.RunState == TaskRunState.Runnable)
                return thread;
        return null;
    }

    public void At(long timeNs, Action fire)
    {
        var ev = new TimedEvent(timeNs, _eventSequence++, fire);
        var index = _events.Count;
        while (index > 0 && _events[index - 1].TimeNs > timeNs)
            index--;
        _events.Insert(index, ev);
    }

    public void Run()
    {
        while (true)
        {
            if (clock.NowNs == SimClock.EndOfTime)
                throw new WorkLimitExceededException("the simulated clock reached its end (2^63-1 ns, about 292 years); the simulation stops here");
            if (MakeDueTasksRunnable())
                _current = null;
            if (FireDueEvents())
                continue;
            if (KernelThreadToRun() is { } thread)
            {
                if (!IsKernelThread(_current))
                {
                    _interrupted = _current is { RunState: TaskRunState.Runnable } && clock.NowNs < _turnEndNs ? _current : null;
                    _interruptedRemainingNs = _turnEndNs - clock.NowNs;
                }
                _current = thread;
                _turnEndNs = SimClock.Sum(clock.NowNs, Math.Max(1, quantumNs()));
            }
            else if (IsKernelThread(_current) && _current is not { RunState: TaskRunState.Runnable } && _interrupted != null)
            {
                var resumed = _interrupted;
                _interrupted = null;
                if (resumed.RunState == TaskRunState.Runnable)
                {
                    _current = resumed;
                    _turnEndNs = SimClock.Sum(clock.NowNs, _interruptedRemainingNs);
                }
            }
            var next = _current is { RunState: TaskRunState.Runnable } && clock.NowNs < _turnEndNs ? _current : null;
            if (next == null)
            {
                next = PickNext();
                if (next == null)
                {
                    var wake = NextWakeTime();
                    if (wake == SimClock.EndOfTime)
                        return;
                    clock.JumpTo(wake);
                    continue;
                }
                _lastPid = next.Pid;
                _current = next;
                _turnEndNs = SimClock.Sum(clock.NowNs, Math.Max(1, quantumNs()));
            }
            clock.CountStep();
            BeforeSlice?.Invoke();
            PreviousRunner = _lastRunner;
            next.RunSlice(Math.Min(_turnEndNs, NextWakeTime()));
            if (next is not IQuietTask { LastSliceQuiet: true })
                _lastRunner = next;
        }
    }

    /// <summary>Starts and wakes the tasks whose time has come; true if any did.</summary>
    private bool MakeDueTasksRunnable()
    {
        var any = false;
        foreach (var task in _tasks)
        {
            if (task.RunState == TaskRunState.NotStarted && task.StartNs <= clock.NowNs)
            {
                task.Start();
                any = true;
            }
            else if (task.RunState == TaskRunState.Sleeping && task.WakeAtNs <= clock.NowNs)
            {
                task.Wake();
                any = true;
            }
        }
        return any;
    }

    /// <summary>Fires the first due event; true if one fired (the caller re-checks everything).</summary>
    private bool FireDueEvents()
    {
        if (_events.Count == 0 || _events[0].TimeNs > clock.NowNs)
            return false;
        var ev = _events[0];
        _events.RemoveAt(0);
        ev.Fire();
        return true;
    }

    private ISchedTask? PickNext()
    {
        ISchedTask? first = null;
        foreach (var task in _tasks)
        {
            if (task.RunState != TaskRunState.Runnable)
                continue;
            if (task.Pid > _lastPid)
                return task;
            first ??= task;
        }
        return first;
    }

    /// <summary>
    /// True when <paramref name="self"/> could wait until <paramref name="untilNs"/>
    /// without anyone else noticing: no other task is runnable, and no event,
    /// start or wake-up comes at or before that time. Then an I/O wait can be
    /// spent in place: the scheduler would only jump the clock and hand the CPU
    /// straight back (the same turn order and the same report, fewer rounds).
    /// </summary>
    public bool NothingElseUntil(ISchedTask self, long untilNs)
    {
        foreach (var task in _tasks)
            if (!ReferenceEquals(task, self) && task.RunState == TaskRunState.Runnable)
                return false;
        return NextWakeTime() > untilNs;
    }

    private long NextWakeTime()
    {
        var next = _events.Count > 0 ? _events[0].TimeNs : long.MaxValue;
        foreach (var task in _tasks)
        {
            if (task.RunState == TaskRunState.NotStarted)
                next = Math.Min(next, task.StartNs);
            else if (task.RunState == TaskRunState.Sleeping)
                next = Math.Min(next, task.WakeAtNs);
        }
        return next;
    }
}
