namespace MemScript.Runtime.Sched;

/// <summary>
/// Turns the system at the end of a run into a <see cref="SimulationResult"/>:
/// processes by pid with /proc/PID/status values in kB, vmstat and meminfo in
/// enum order (meminfo in kB), expectations in the order they were checked,
/// self-check failures seen at report statements plus the final checks.
/// The timeline is put in simulated-time order, ties in the order things happened.
/// </summary>
internal static class RunResultBuilder
{
    public static SimulationResult Build(string path, MachineSettings machine, SimSystem? system, IReadOnlyList<Site> headerNotes,
        RunOutcome outcome, string? message)
    {
        if (system == null)
            return new SimulationResult(path, MachineSummaryBuilder.Build(machine, null), headerNotes, [], [], [], [], [], [], [], 0, outcome, message);

        var processes = new List<ProcessSummary>();
        var sorted = new List<ProcessTask>(system.Processes);
        sorted.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        var total = OomScore.TotalPages(machine);
        foreach (var p in sorted)
        {
            var s = p.Status();
            var score = p.IsLive ? OomScore.Score(s, p.OomScoreAdj, machine, total) : 0;
            processes.Add(new ProcessSummary(p.Name, p.Pid, p.State, p.Command, p.Options.User,
                Kb(s.VmSize), Kb(s.VmRss), Kb(s.RssAnon), Kb(s.RssFile), Kb(s.RssShmem), Kb(s.VmSwap), Kb(s.VmPte),
                Kb(s.VmData), Kb(s.VmStk), s.MinFlt, s.MajFlt, score, p.OomScoreAdj));
        }
        var vmstat = new List<Counter>();
        foreach (var counter in Enum.GetValues<VmCounter>())
            vmstat.Add(new Counter(counter.ToString(), system.Kernel.Vmstat(counter)));
        var meminfo = new List<Counter>();
        foreach (var field in Enum.GetValues<MeminfoField>())
            meminfo.Add(new Counter(field.ToString(), system.Kernel.Meminfo(field) / 1024));
        var checks = new List<SelfCheck>(system.FailedSelfChecks);
        checks.AddRange(system.Kernel.SelfCheck());
        // A statement is recorded when it ends but stamped when it began: order by time, stably.
        var timeline = system.Timeline.OrderBy(e => e.TimeNs).ToList();
        return new SimulationResult(path, MachineSummaryBuilder.Build(machine, system.Kernel.Costs), headerNotes, timeline, processes,
            vmstat, meminfo, [], system.Expectations, checks, system.Now, outcome, message);
    }

    private static long Kb(ulong bytes) => (long)(bytes / 1024);
}
