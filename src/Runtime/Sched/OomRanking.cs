namespace MemScript.Runtime.Sched;

/// <summary>
/// The OOM killer's weighing, kept for the report's "why": every live
/// process with an address space (the task table's rows, at most
/// <see cref="OomKillLines.MaxTaskRows"/>), with the figures its badness
/// adds up (rss, swap entries, page-table pages when charged, the
/// oom_score_adj term) and the result, taken just before the kill. Under
/// <c>oom legacy</c> the badness is 2.6.35's points. A process that can
/// never be chosen (oom_score_adj -1000, oom_adj -17) is listed as exempt.
/// </summary>
internal static class OomRanking
{
    public static IReadOnlyList<OomRankedTask> Of(SimSystem system, ProcessTask chosen, bool legacy)
    {
        var machine = system.Machine;
        var total = OomScore.TotalPages(machine);
        var page = machine.PageSize;
        var rows = new List<OomRankedTask>();
        foreach (var p in system.Processes)
        {
            if (!p.IsLive || p.Mm < 0)
                continue;
            if (rows.Count == OomKillLines.MaxTaskRows)
                break;
            var s = p.Status();
            var exempt = legacy ? p.LegacyOomAdj <= LegacyBadness.OomDisable : p.OomScoreAdj <= -1000;
            var badness = exempt ? 0 : legacy ? LegacyBadness.Points(p, system.Processes, system.Now) : OomScore.Badness(s, p.OomScoreAdj, machine, total);
            rows.Add(new OomRankedTask(p.Pid, p.Name, (long)((s.RssAnon + s.RssFile + s.RssShmem) / page), (long)(s.VmSwap / page),
                machine.PageTablesCharged ? s.PageTablePages : 0, legacy ? p.LegacyOomAdj : p.OomScoreAdj, badness, ReferenceEquals(p, chosen))
            { Exempt = exempt });
        }
        return rows;
    }
}
