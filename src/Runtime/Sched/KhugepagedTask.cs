using System.Globalization;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// khugepaged, the kernel thread that collapses 4 KiB ranges into huge pages
/// (mm/khugepaged.c khugepaged(): do a scan, then wait), as a kernel thread
/// of the scheduler (it preempts, and the task it interrupted resumes its
/// turn). While its list holds an mm it sleeps scan_sleep_millisecs (10 s)
/// between passes, alloc_sleep_millisecs (60 s) after a failed allocation;
/// with an empty list it waits without a timeout, and the first mm to join
/// wakes it at once (__khugepaged_enter). It never keeps a run going by
/// itself: when no other task is runnable, sleeping or waiting to start and
/// no <c>at</c> event is pending, it is idle. A pass that collapsed
/// something or failed an allocation says so on the timeline (the
/// sysfs counters pages_collapsed and full_scans after it); the others are
/// silent. A pass's cost is that of its collapses (scanning is free).
/// </summary>
internal sealed class KhugepagedTask(SimSystem system) : ISchedTask, IQuietTask
{
    public const string Name = "khugepaged";

    private long _wakeAtNs;

    public int Pid => 0;

    public long StartNs => 0;

    public TaskRunState RunState
    {
        get
        {
            if (!system.Kernel.KhugepagedHasWork || !OthersActive())
                return TaskRunState.Idle;
            return system.Clock.NowNs >= _wakeAtNs ? TaskRunState.Runnable : TaskRunState.Sleeping;
        }
    }

    public long WakeAtNs => _wakeAtNs;

    public bool LastSliceQuiet { get; private set; }

    public void Start()
    {
    }

    public void Wake()
    {
    }

    public void RunSlice(long sliceEndNs)
    {
        system.ActAs(Name);
        var kernel = system.Kernel;
        var pass = kernel.KhugepagedScan();
        system.Clock.CountStep();
        system.Clock.Advance(pass.CostNs);
        LastSliceQuiet = pass.Collapsed == 0 && pass.AllocFailed == 0 && pass.CostNs == 0;
        if (!LastSliceQuiet)
            Say(pass);
        var now = system.Clock.NowNs;
        _wakeAtNs = pass.AllocSleep
            ? SimClock.Sum(now, Kernel.KhugepagedAllocSleepNs)
            : kernel.KhugepagedHasWork ? SimClock.Sum(now, Kernel.KhugepagedScanSleepNs) : now;
    }

    /// <summary>Another task may still run, or an <c>at</c> event is due: the run goes on.</summary>
    private bool OthersActive()
    {
        if (system.Scheduler.PendingEvents > 0)
            return true;
        foreach (var task in system.Scheduler.Tasks)
        {
            if (ReferenceEquals(task, this))
                continue;
            if (task.RunState is TaskRunState.Runnable or TaskRunState.Sleeping or TaskRunState.NotStarted)
                return true;
        }
        return false;
    }

    private void Say(KhugepagedPass pass)
    {
        var kernel = system.Kernel;
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (pass.Collapsed > 0)
        {
            var huge = Units.Size((ulong)kernel.Machine.PageSize * (ulong)kernel.HugePageFrames);
            parts.Add($"collapsed {pass.Collapsed.ToString(inv)} {(pass.Collapsed == 1 ? "range" : "ranges")} of {huge} into huge pages ({Who(pass.Mms)}), {pass.Filled.ToString(inv)} empty {(pass.Filled == 1 ? "PTE" : "PTEs")} filled");
        }
        if (pass.AllocFailed > 0)
            parts.Add(pass.AllocSleep
                ? "no free huge page for a collapse (thp_collapse_alloc_failed): sleeps 60 s"
                : "no free huge page for a collapse (thp_collapse_alloc_failed)");
        parts.Add($"pages_collapsed {kernel.KhugepagedPagesCollapsed.ToString(inv)}, full_scans {kernel.KhugepagedFullScans.ToString(inv)}");
        system.Add(new TimelineEvent.Kernel(system.Now, Site.None, 0, "kernel", [Name + ": " + string.Join("; ", parts)]));
    }

    /// <summary>The processes the collapses were in, as <c>p (pid 100): 3</c>, in order of first collapse.</summary>
    private string Who(List<int> mms)
    {
        var order = new List<int>();
        var counts = new Dictionary<int, int>();
        foreach (var mm in mms)
        {
            if (!counts.TryAdd(mm, 1))
                counts[mm]++;
            else
                order.Add(mm);
        }
        var parts = new List<string>();
        foreach (var mm in order)
        {
            var task = system.Processes.Find(p => p.Mm == mm);
            var name = task == null ? $"mm {mm}" : $"{task.Name} (pid {task.Pid.ToString(CultureInfo.InvariantCulture)})";
            parts.Add($"{name}: {counts[mm].ToString(CultureInfo.InvariantCulture)}");
        }
        return string.Join(", ", parts);
    }
}
