namespace MemScript.Runtime.Sched;

/// <summary>
/// /proc/PID/oom_score of today's kernel (MODEL.md 7, proc_oom_score and
/// oom_badness): badness = resident pages + swap entries + page-table pages
/// (only with <c>pagetables charged</c>: free tables are not the process's
/// memory, MODEL.md 4) + oom_score_adj * (totalpages / 1000); shown as
/// (1000 + badness * 1000 / totalpages) * 2 / 3, clamped to 0..2000;
/// oom_score_adj -1000 (never chosen) and processes without memory show 0.
/// </summary>
internal static class OomScore
{
    public static long Badness(in Mm.ProcStatus status, int adj, MachineSettings machine, long totalPages)
    {
        var pageSize = machine.PageSize;
        var rss = (long)((status.RssAnon + status.RssFile + status.RssShmem) / pageSize);
        var swap = (long)(status.VmSwap / pageSize);
        var tables = machine.PageTablesCharged ? status.PageTablePages : 0;
        return rss + swap + tables + adj * (totalPages / 1000);
    }

    public static int Score(in Mm.ProcStatus status, int adj, MachineSettings machine, long totalPages)
    {
        if (adj <= -1000 || totalPages <= 0)
            return 0;
        var badness = Badness(status, adj, machine, totalPages);
        var points = (1000 + badness * 1000 / totalPages) * 2 / 3;
        return (int)Math.Clamp(points, 0, 2000);
    }

    public static long TotalPages(MachineSettings machine) => (long)((machine.Ram + machine.Swap) / machine.PageSize);
}
