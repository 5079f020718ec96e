using System.Globalization;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The lines the kernel prints when the OOM killer runs, with the kernel's
/// own formats (mm/oom_kill.c). Today's: dump_header's
/// <c>NAME invoked oom-killer: gfp_mask=..., order=0, oom_score_adj=N</c>,
/// dump_tasks' table (memory values in pages, pgtables in bytes, rows
/// <c>[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s</c>), the
/// <c>oom-kill:constraint=CONSTRAINT_NONE,...</c> summary and
/// <c>Out of memory: Killed process ...</c>. 2.6.35's (<c>oom legacy</c>):
/// <c>invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=N</c>, then
/// <c>Out of memory: kill process PID (NAME) score N or a child</c> and
/// <c>Killed process PID (NAME) vsz:NkB, anon-rss:NkB, file-rss:NkB</c>
/// (no task table: oom_dump_tasks was off by default then; shmem counted as
/// file pages). The task table keeps its first <see cref="MaxTaskRows"/> rows
/// and sums up the rest in one row, <c>... N more tasks</c>, so that many
/// kills among many processes keep the report linear in size (the kernel
/// prints every task). An allocation of the kernel itself (<c>pressure</c>) runs in
/// a kernel worker, <c>kworker/0:1</c>, with GFP_KERNEL. An allocation that
/// could not use every zone (LowMem only on a 32-bit machine) prints its own
/// gfp_mask (a process's page table: GFP_PGTABLE_USER) and the Mem-Info block
/// (<see cref="OomMemInfoLines"/>).
/// </summary>
internal static class OomKillLines
{
    public const string Panic = "Kernel panic - not syncing: Out of memory and no killable processes...";
    public const string TableHeader = "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name";
    private const string KernelWorker = "kworker/0:1";

    /// <summary>The task-table rows each OOM kill keeps before <c>... N more tasks</c>.</summary>
    public const int MaxTaskRows = 50;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void ModernHeader(List<string> lines, ProcessTask? requester, IReadOnlyList<ProcessTask> tasks, IReadOnlyList<ProcessTask> all,
        IReadOnlyList<string>? unreclaimableSlab = null, string? gfpMask = null, IReadOnlyList<string>? memInfo = null)
    {
        var gfp = gfpMask ?? (requester == null ? "0xcc0(GFP_KERNEL)" : "0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)");
        lines.Add($"{requester?.Command ?? KernelWorker} invoked oom-killer: gfp_mask={gfp}, order=0, oom_score_adj={(requester?.OomScoreAdj ?? 0).ToString(Ci)}");
        if (memInfo != null)
            lines.AddRange(memInfo);   // __show_mem up to the allocation's highest zone, before the slab dump
        if (unreclaimableSlab != null)
            lines.AddRange(unreclaimableSlab);   // dump_unreclaimable_slab, before dump_tasks
        lines.Add("Tasks state (memory values in pages):");
        lines.Add(TableHeader);
        var shown = Math.Min(tasks.Count, MaxTaskRows);
        for (var i = 0; i < shown; i++)
            lines.Add(TaskRow(tasks[i], UserIds.Of(tasks[i].Options.User, all)));
        if (tasks.Count > shown)
            lines.Add(MoreTasks(tasks.Count - shown));
    }

    /// <summary>The row that stands for the tasks past <see cref="MaxTaskRows"/>: <c>... 2950 more tasks</c>.</summary>
    public static string MoreTasks(int count) => "... " + count.ToString(Ci) + (count == 1 ? " more task" : " more tasks");

    /// <summary>One dump_tasks row: pid, uid, tgid, total_vm, rss, pgtables_bytes, swapents, oom_score_adj, comm.</summary>
    public static string TaskRow(ProcessTask t, int uid)
    {
        var s = t.Status();
        var page = t.Kernel.Machine.PageSize;
        return "[" + N(t.Pid, 7) + "] " + N(uid, 5) + " " + N(t.Pid, 5) + " " + N((long)(s.VmSize / page), 8) + " "
            + N((long)(s.VmRss / page), 8) + " " + N((long)s.VmPte, 8) + " " + N((long)(s.VmSwap / page), 8)
            + "         " + N(t.OomScoreAdj, 5) + " " + t.Command;
    }

    public static IEnumerable<string> ModernKilled(ProcessTask victim, IReadOnlyList<ProcessTask> all, ulong nodemask = 0, int nodes = 1)
    {
        var s = victim.Status();
        var uid = UserIds.Of(victim.Options.User, all).ToString(Ci);
        // dump_oom_victim: a bind policy's nodes (constrained_alloc) or none; mems_allowed is every node.
        var constraint = nodemask == 0 ? "CONSTRAINT_NONE,nodemask=(null)" : "CONSTRAINT_MEMORY_POLICY,nodemask=" + MemPolicy.NodeList(nodemask);
        var allowed = MemPolicy.NodeList(nodes >= 64 ? ulong.MaxValue : (1UL << nodes) - 1);
        yield return $"oom-kill:constraint={constraint},cpuset=/,mems_allowed={allowed},global_oom,task_memcg=/,task={victim.Command},pid={victim.Pid.ToString(Ci)},uid={uid}";
        yield return $"Out of memory: Killed process {victim.Pid.ToString(Ci)} ({victim.Command}) total-vm:{Kb(s.VmSize)}kB, anon-rss:{Kb(s.RssAnon)}kB, file-rss:{Kb(s.RssFile)}kB, shmem-rss:{Kb(s.RssShmem)}kB, UID:{uid} pgtables:{Kb(s.VmPte)}kB oom_score_adj:{victim.OomScoreAdj.ToString(Ci)}";
    }

    public static void LegacyHeader(List<string> lines, ProcessTask? requester) =>
        lines.Add($"{requester?.Command ?? KernelWorker} invoked oom-killer: gfp_mask={(requester == null ? "0xd0" : "0x201da")}, order=0, oom_adj={(requester?.LegacyOomAdj ?? 0).ToString(Ci)}");

    public static string LegacyChosen(ProcessTask chosen, long points) =>
        $"Out of memory: kill process {chosen.Pid.ToString(Ci)} ({chosen.Command}) score {points.ToString(Ci)} or a child";

    public static string LegacyKilled(ProcessTask victim)
    {
        var s = victim.Status();
        return $"Killed process {victim.Pid.ToString(Ci)} ({victim.Command}) vsz:{Kb(s.VmSize)}kB, anon-rss:{Kb(s.RssAnon)}kB, file-rss:{Kb(s.RssFile + s.RssShmem)}kB";
    }

    private static string N(long value, int width) => value.ToString(Ci).PadLeft(width);

    private static string Kb(ulong bytes) => (bytes / 1024).ToString(Ci);
}
