using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Runtime.Sched;

/// <summary>
/// Report statements (LANGUAGE.md 5): a snapshot in the kernel's own format,
/// made by the /proc formatters and titled with what it shows (<c>top</c>,
/// <c>/proc/100/maps</c>; the report adds the time and the line), followed by the runtime's self-checks. top's S
/// column shows R for a runnable process (running or ready, as Linux does), D
/// for one waiting for a fault's disk read, S for the others (sleeping or idle). A process is named by its command
/// (comm, <c>command "nginx"</c>, else its scenario name) wherever the kernel
/// prints a name: status <c>Name:</c>, top's and oom_scores' COMMAND. One
/// statement keeps at most <see cref="SnapshotRows.MaxListed"/> snapshots
/// (<see cref="SnapshotRows"/>).
/// </summary>
internal static class Snapshots
{
    public static void Take(SimSystem system, Site site, ReportKind kind, ProcessTask? process, string? processName)
    {
        var key = (site.Line, site.Column);
        if (!system.SnapshotRows.TryGetValue(key, out var rows))
            system.SnapshotRows[key] = rows = new SnapshotRows();
        if (rows.Listed >= SnapshotRows.MaxListed)
        {
            // Past the kept ones: counted, neither formatted nor self-checked (the run's end checks).
            if (rows.PlaceholderIndex < 0)
            {
                rows.PlaceholderIndex = system.Timeline.Count;
                system.Add(new TimelineEvent.Snapshot(system.Now, site, rows.Title, []));
            }
            rows.Cut++;
            return;
        }

        rows.Listed++;
        var kernel = system.Kernel;
        (string Title, IReadOnlyList<string> Lines) snapshot;
        switch (kind)
        {
            case ReportKind.Maps or ReportKind.Status or ReportKind.Smaps or ReportKind.NumaMaps when process == null || !process.IsLive:
                var who = processName ?? "?";
                snapshot = ($"/proc/{(process == null ? who : process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture))}/{(kind == ReportKind.NumaMaps ? "numa_maps" : kind.ToString().ToLowerInvariant())}",
                    [$"no such process: {who}"]);
                break;
            case ReportKind.Perf when process == null && processName == null:
                var all = kernel.TlbCountersAll();
                var faults = kernel.Vmstat(VmCounter.pgfault);
                var major = kernel.Vmstat(VmCounter.pgmajfault);
                snapshot = ("perf stat -a", PerfFormatter.Format("'system wide'", faults - major, major, all));
                break;
            case ReportKind.Perf when process == null:
                snapshot = ("perf stat", [$"no such process: {processName}"]);
                break;
            case ReportKind.Perf:
                var status = process!.Status();
                snapshot = ($"perf stat -p {process.Pid}", PerfFormatter.Format($"process id '{process.Pid}'", status.MinFlt, status.MajFlt, status.Tlb));
                break;
            case ReportKind.Smaps:
                snapshot = ($"/proc/{process!.Pid}/smaps", SmapsFormatter.Format(kernel.Smaps(process.Mm)));
                break;
            case ReportKind.Maps:
                snapshot = ($"/proc/{process!.Pid}/maps", MapsFormatter.Format(kernel.Maps(process.Mm)));
                break;
            case ReportKind.Status:
                snapshot = ($"/proc/{process!.Pid}/status", StatusFormatter.Format(process.Status(), process.Command, process.Pid));
                break;
            case ReportKind.Top:
                snapshot = ("top", TopFormatter.Format(TopRows(system), (ulong)kernel.Meminfo(MeminfoField.MemTotal)));
                break;
            case ReportKind.Meminfo:
                snapshot = ("/proc/meminfo", MeminfoFormatter.Format(kernel.Meminfo, kernel.Highmem));
                break;
            case ReportKind.Free:
                snapshot = ("free", FreeFormatter.Format(kernel.Meminfo));
                break;
            case ReportKind.Vmstat:
                snapshot = ("/proc/vmstat", VmstatFormatter.Format(kernel.Vmstat));
                break;
            case ReportKind.OomScores:
                snapshot = ("oom_scores", OomScoresFormatter.Format(OomRows(system)));
                break;
            case ReportKind.Slabinfo:
                snapshot = ("/proc/slabinfo", SlabinfoFormatter.Format(kernel.SlabInfo()));
                break;
            case ReportKind.Slabtop:
                snapshot = ("slabtop", SlabtopFormatter.Format(kernel.SlabInfo(), (int)kernel.Machine.PageSize));
                break;
            case ReportKind.NumaMaps:
                snapshot = ($"/proc/{process!.Pid}/numa_maps", kernel.NumaMaps(process.Mm));
                break;
            case ReportKind.Numastat:
                snapshot = ("numastat", NumastatFormatter.Format(kernel));
                break;
            case ReportKind.Hugepages:
                snapshot = ("/sys/kernel/mm/hugepages", HugepagesFormatter.Format(kernel));
                break;
            case ReportKind.Zoneinfo:
                snapshot = ("/proc/zoneinfo", ZoneinfoFormatter.Format(kernel.ZoneStates(), kernel.NodeStats(), kernel.NodeUnreclaimable,
                    kernel.NodeCount > 1 ? kernel.NodeStatsOf : null, kernel.NodeCount > 1 ? kernel.NodeHopeless : null));
                break;
            default:
                snapshot = ("/proc/buddyinfo", BuddyinfoFormatter.Format(kernel.BuddyFreeBlocksByZone(), kernel.NodeCount > 1 ? kernel.BuddyNodes() : null));
                break;
        }
        rows.Title = snapshot.Title;
        system.Add(new TimelineEvent.Snapshot(system.Now, site, snapshot.Title, snapshot.Lines));
        system.CheckSelf(site);
    }

    private static List<TopRow> TopRows(SimSystem system)
    {
        var rows = new List<TopRow>();
        foreach (var p in LiveByPid(system))
        {
            var s = p.Status();
            var state = TopState(p);
            rows.Add(new TopRow(p.Pid, p.Options.User, p.Options.Nice, s.VmSize, s.VmRss, s.RssFile + s.RssShmem, state, p.Command));
        }
        return rows;
    }

    /// <summary>
    /// top's S column as Linux sets it: R for a task on the CPU or ready to run
    /// (TASK_RUNNING either way), D for one blocked on a fault's disk read
    /// (uninterruptible), S for one sleeping or at the end of its body.
    /// </summary>
    public static char TopState(ProcessTask p) => p.RunState switch
    {
        TaskRunState.Runnable => 'R',
        TaskRunState.Sleeping when p.InIoWait => 'D',
        _ => 'S',
    };

    private static List<OomScoreRow> OomRows(SimSystem system)
    {
        var rows = new List<OomScoreRow>();
        foreach (var p in LiveByPid(system))
            rows.Add(new OomScoreRow(p.Pid, p.Command, OomKiller.Score(system, p), p.OomScoreAdj));
        return rows;
    }

    public static List<ProcessTask> LiveByPid(SimSystem system)
    {
        var live = new List<ProcessTask>();
        foreach (var p in system.Processes)
            if (p.IsLive)
                live.Add(p);
        live.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return live;
    }
}
