using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Numa;

/// <summary>
/// /proc/PID/numa_maps in fs/proc/task_mmu.c show_numa_map's layout (start %08lx, the
/// policy as mpol_to_str writes it, file=/heap/stack, then anon=, dirty=, active= and
/// N&lt;node&gt;= over the present pages, kernelpagesize_kB=), mbind's per-VMA policy, the
/// OOM killer constrained to a bind policy's nodes (mm/oom_kill.c constrained_alloc,
/// dump_oom_victim, mempolicy_in_oom_domain) and the remote-access cost.
/// </summary>
public class NumaMapsAndOomTests
{
    private static IReadOnlyList<string> NumaMaps(SimulationResult r) =>
        r.Timeline.OfType<TimelineEvent.Snapshot>().Last(s => s.Title.EndsWith("/numa_maps", StringComparison.Ordinal)).Lines;

    [Fact]
    public void NumaMaps_PrintsEachVmaWithItsPolicyAndPagesPerNode()
    {
        var r = CheckedRun.Of("maps.mems", "machine { ram 128M; numa 2 nodes }\n"
            + "process p (node 1) {\n a = mmap 8M\n mbind a[4M..] interleave 0,1\n touch a\n b = malloc 1K\n numa_maps\n}");
        Assert.Equal(
            [
                "555555554000 default file=p",
                "555555564000 default file=p",
                "555555568000 default heap anon=1 dirty=1 active=0 N1=1 kernelpagesize_kB=4",
                "7ffff7600000 default anon=1024 dirty=1024 active=0 N1=1024 kernelpagesize_kB=4",
                "7ffff7a00000 interleave:0-1 anon=1024 dirty=1024 active=0 N0=512 N1=512 kernelpagesize_kB=4",
                "7ffffffde000 default stack",
            ],
            NumaMaps(r));
    }

    [Fact]
    public void HugePages_InterleaveBy2MiB_AndHugetlbCountsHugePages()
    {
        // get_vma_policy at order 9: (vm_pgoff >> 9) + ((addr - vm_start) >> 21), so the four 2 MiB
        // folios of 8 MiB alternate; gather_hugetlb_stats counts a hugetlb page once.
        var r = CheckedRun.Of("thp.mems", "machine { ram 256M; numa 2 nodes; thp always; hugepages 4 }\n"
            + "process p (mempolicy interleave 0,1) {\n a = mmap 8M\n touch a\n h = mmap 4M huge\n touch h\n numa_maps\n}");
        var lines = NumaMaps(r);
        Assert.Contains("7ffff7600000 interleave:0-1 anon=2048 dirty=2048 active=0 N0=1024 N1=1024 kernelpagesize_kB=4", lines);
        Assert.Contains("7ffff7200000 interleave:0-1 huge anon=2 dirty=2 N0=2 kernelpagesize_kB=2048", lines);
    }

    [Fact]
    public void Mbind_OnAnUnmappedRange_FailsWithEfault()
    {
        var r = CheckedRun.Of("mbind.mems", "machine { numa 2 nodes }\nprocess p {\n a = mmap 1M\n munmap a\n mbind a interleave 0,1\n}");
        Assert.Equal("EFAULT", CheckedRun.Row(r, 5).Detail);
    }

    [Fact]
    public void BoundNodeExhausted_OomKillerRunsConstrained_OverTheTasksThatCanUseIt()
    {
        var r = CheckedRun.Of("oom.mems", "machine { ram 128M; numa 2 nodes }\n"
            + "process web (node 1, mempolicy bind 1) { a = mmap 40M\n touch a }\n"
            + "process db (node 0, mempolicy bind 0, start 50ms) { a = mmap 80M\n touch a }\n"
            + "expect db killed\nexpect web alive");
        var lines = r.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines).ToList();
        var summary = Assert.Single(lines, l => l.StartsWith("oom-kill:", StringComparison.Ordinal));
        Assert.Equal("oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0,cpuset=/,mems_allowed=0-1,global_oom,task_memcg=/,task=db,pid=101,uid=0", summary);
        // dump_tasks lists only the eligible tasks: web is bound to node 1 alone.
        Assert.DoesNotContain(lines, l => l.EndsWith(" web", StringComparison.Ordinal) && l.StartsWith('['));
    }

    [Fact]
    public void OneNodeOom_StaysUnconstrained()
    {
        var r = CheckedRun.Of("oom1.mems", "machine { ram 64M; overcommit always }\nprocess big { a = mmap 80M\n touch a }\nexpect big killed");
        var summary = Assert.Single(r.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines), l => l.StartsWith("oom-kill:", StringComparison.Ordinal));
        Assert.StartsWith("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,", summary);
    }

    [Fact]
    public void RemoteAccesses_Cost60nsEachMore_AtTheDefaultDistances()
    {
        // The same touch and 20 reads of 4 MiB: 1024 + 20480 accesses to node 0 from node 1.
        var text = "machine { ram 128M; numa 2 nodes }\n"
            + "process near (node 0) {\n a = mmap 4M\n touch a\n read a times 20\n b = mmap 4K\n}\n"
            + "process far (node 1, mempolicy bind 0, start 100ms) {\n a = mmap 4M\n touch a\n read a times 20\n b = mmap 4K\n}";
        var r = CheckedRun.Of("remote.mems", text);
        var near = CheckedRun.Row(r, 6).TimeNs - CheckedRun.Row(r, 4).TimeNs;
        var far = CheckedRun.Row(r, 12).TimeNs - CheckedRun.Row(r, 10).TimeNs;
        Assert.Equal(21504L * 60, far - near);
    }
}
