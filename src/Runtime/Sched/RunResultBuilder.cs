namespace MemScript.Runtime.Sched;

/// <summary>
/// Turns the system at the end of a run into a <see cref="SimulationResult"/>:
/// processes by pid with /proc/PID/status values in kB, vmstat and meminfo (named as
/// /proc/meminfo names them: <c>Active(anon)</c>) in
/// enum order (meminfo in kB), expectations in the order they were checked,
/// self-check failures seen at report statements plus the final checks.
/// The timeline is put in simulated-time order, ties in the order things happened.
/// Events and expectations get their <c>Who</c>: the process's name, or
/// <c>NAME[PID]</c> when more than one process of the run bore that name;
/// <c>at</c> or <c>end</c> outside processes. Cut statement rows get their count.
/// OOM kills in the order they happened; oom_score as the <c>oom</c> mode computes it.
/// The machine is the one given (as declared at the start) when there is one.
/// </summary>
internal static class RunResultBuilder
{
    public static SimulationResult Build(string path, MachineSettings machine, MachineSummary? atStart, SimSystem? system,
        IReadOnlyList<Site> headerNotes, RunOutcome outcome, string? message)
    {
        if (system == null)
            return new SimulationResult(path, atStart ?? MachineSummaryBuilder.Build(machine, null), headerNotes, [], [], [], [], [], [], [], 0, outcome, message);

        var processes = new List<ProcessSummary>();
        var sorted = new List<ProcessTask>(system.Processes);
        sorted.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        foreach (var p in sorted)
        {
            var s = p.Status();
            var score = OomKiller.Score(system, p);
            processes.Add(new ProcessSummary(p.Name, p.Pid, p.State, p.Command, p.Options.User,
                Kb(s.VmSize), Kb(s.VmRss), Kb(s.RssAnon), Kb(s.RssFile), Kb(s.RssShmem), Kb(s.VmSwap), Kb(s.VmPte),
                Kb(s.VmData), Kb(s.VmStk), s.MinFlt, s.MajFlt, score, p.OomScoreAdj) { VmLckKb = Kb(s.VmLck), Tlb = s.Tlb });
        }
        var vmstat = new List<Counter>();
        foreach (var counter in Enum.GetValues<VmCounter>())
            vmstat.Add(new Counter(counter.ToString(), system.Kernel.Vmstat(counter)));
        var meminfo = new List<Counter>();
        foreach (var field in Enum.GetValues<MeminfoField>())
            if (system.Kernel.Highmem || !Reporting.Proc.MeminfoFormatter.IsHighmem(field))
                meminfo.Add(new Counter(Reporting.Proc.MeminfoFormatter.KernelName(field), system.Kernel.Meminfo(field) / 1024));
        var checks = new List<SelfCheck>(system.FailedSelfChecks);
        checks.AddRange(system.Kernel.SelfCheck());
        // A statement is recorded when it ends but stamped when it began: order by time, stably.
        var labels = new WhoLabels(system.Processes);
        var timeline = Labelled(system, labels).OrderBy(e => e.TimeNs).ToList();
        var expectations = new List<ExpectationResult>(system.Expectations.Count);
        for (var i = 0; i < system.Expectations.Count; i++)
            expectations.Add(system.Expectations[i] with { Who = labels.Of(system.ExpectationActors[i]) });
        var tables = new List<ReferenceTable>();
        foreach (var (recorder, site, task) in system.ReferenceTables)
            tables.Add(recorder.ToTable(site, task, machine.Reclaim) with { Who = labels.Of(new Actor(task, task.Name)) });
        return new SimulationResult(path, atStart ?? MachineSummaryBuilder.Build(machine, system.Kernel.Costs), headerNotes, timeline, processes,
            vmstat, meminfo, system.OomKills.ToList(), expectations, checks, system.Now, outcome, message)
        {
            Series = system.Series.Finish(),
            ReferenceTables = tables,
        };
    }

    private static List<TimelineEvent> Labelled(SimSystem system, WhoLabels labels)
    {
        var events = new List<TimelineEvent>(system.Timeline);
        foreach (var rows in system.StatementRows.Values)
            if (rows.OmittedIndex >= 0 && events[rows.OmittedIndex] is TimelineEvent.Omitted omitted)
                events[rows.OmittedIndex] = omitted with { Count = rows.Cut, Processes = rows.CutPids?.Count ?? 1 };
        foreach (var rows in system.SnapshotRows.Values)
            if (rows.PlaceholderIndex >= 0 && events[rows.PlaceholderIndex] is TimelineEvent.Snapshot placeholder)
                events[rows.PlaceholderIndex] = placeholder with
                {
                    Lines = [$"... {rows.Cut.ToString(System.Globalization.CultureInfo.InvariantCulture)} more snapshots of this statement not listed (the first {SnapshotRows.MaxListed} are)"],
                };
        for (var i = 0; i < events.Count; i++)
        {
            var who = labels.Of(system.TimelineActors[i]);
            events[i] = events[i] switch
            {
                TimelineEvent.Expect x => x with { Who = who, Result = x.Result with { Who = who } },
                var e => e with { Who = who },
            };
        }
        return events;
    }

    private static long Kb(ulong bytes) => (long)(bytes / 1024);
}
