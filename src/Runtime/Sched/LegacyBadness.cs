using MemScript.Runtime.Mm;
namespace MemScript.Runtime.Sched;

/// <summary>
/// badness() of Linux 2.6.35 and before (mm/oom_kill.c, MODEL.md 7), the
/// score of <c>oom legacy</c>: points = total_vm pages, plus total_vm / 2 + 1
/// for each live child with its own address space; divided by
/// int_sqrt(cpu time in units of 8 s) when that is not zero and by
/// int_sqrt(int_sqrt(run time in units of 1024 s)) when that is not zero;
/// doubled for nice &gt; 0; quartered for root (CAP_SYS_ADMIN); shifted left
/// by a positive oom_adj (a score of 0 counts as 1 first) or right by a
/// negative one. oom_adj -17 (OOM_DISABLE) is never chosen.
/// </summary>
internal static class LegacyBadness
{
    public const int OomDisable = -17;

    private const long CpuUnitNs = 8_000_000_000L;
    private const long RunUnitNs = 1024L * 1_000_000_000L;

    /// <summary>The points of <paramref name="task"/> at <paramref name="nowNs"/>.</summary>
    public static long Points(ProcessTask task, IReadOnlyList<ProcessTask> processes, long nowNs)
    {
        var page = (long)task.Kernel.Machine.PageSize;
        long totalVm = (long)task.Status().VmSize / page;
        long childrenVm = 0;
        foreach (var child in processes)
            if (child.Parent == task && child.IsLive && child.Mm >= 0 && child.Mm != task.Mm)
                childrenVm += (long)child.Status().VmSize / page / 2 + 1;
        return Points(totalVm, childrenVm, task.CpuTimeNs, nowNs - task.StartedNs,
            task.Options.Nice, task.Options.User == "root", task.LegacyOomAdj);
    }

    /// <summary>The formula itself, from the figures it reads.</summary>
    public static long Points(long totalVmPages, long childrenPoints, long cpuTimeNs, long runTimeNs, int nice, bool root, int oomAdj)
    {
        var points = totalVmPages + childrenPoints;
        var cpuTime = cpuTimeNs / CpuUnitNs;
        var runTime = Math.Max(0, runTimeNs) / RunUnitNs;
        if (cpuTime > 0)
            points /= Watermarks.IntSqrt(cpuTime);
        if (runTime > 0)
            points /= Watermarks.IntSqrt(Watermarks.IntSqrt(runTime));
        if (nice > 0)
            points *= 2;
        if (root)
            points /= 4;
        if (oomAdj > 0)
        {
            if (points == 0)
                points = 1;
            points <<= oomAdj;
        }
        else if (oomAdj < 0)
            points >>= -oomAdj;
        return points;
    }

    /// <summary>The oom_adj a /proc read shows for an oom_score_adj (1000 reads 15, -1000 reads -17).</summary>
    public static int FromScoreAdj(int oomScoreAdj) => oomScoreAdj >= 1000 ? 15 : oomScoreAdj * 17 / 1000;
}
