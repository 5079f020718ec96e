using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>The OOM killer's choice, lines and kill (MODEL.md 7), on processes made directly in the kernel.</summary>
public class OomKillerTests
{
    private static ProcessOptions Adj(int adj) => ProcessOptions.Default with { OomScoreAdj = adj };

    [Fact]
    public void IdleProcess_ShowsOomScore666()
    {
        var os = new OomSystem();
        var idle = os.Start("idle", 0);
        Assert.Equal(666, OomKiller.Score(os.System, idle));
    }

    [Fact]
    public void Adj500_OnABigMachine_ShowsAbout1000()
    {
        var os = new OomSystem(m => m.Ram = 16UL << 30);
        var p = os.Start("p", 16, Adj(500));
        Assert.InRange(OomKiller.Score(os.System, p), 999, 1001);
    }

    [Fact]
    public void Victim_IsTheLargest()
    {
        var os = new OomSystem();
        os.Start("small", 100);
        var big = os.Start("big", 900);
        os.Start("medium", 400);

        var outcome = os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.Equal(OomOutcome.KilledOther, outcome);
        Assert.False(big.IsLive);
        Assert.Equal(ProcessState.Killed, big.State);
        var kill = Assert.Single(os.System.OomKills);
        Assert.Equal(("big", big.Pid, 3), (kill.Victim, kill.Pid, kill.Candidates));
        Assert.Equal(0UL, big.Status().VmRss);
    }

    [Fact]
    public void Adj1000Negative_IsNeverKilled_EvenWhenLargest()
    {
        var os = new OomSystem();
        var protectedOne = os.Start("db", 2000, Adj(-1000));
        var other = os.Start("worker", 10);

        os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.True(protectedOne.IsLive);
        Assert.False(other.IsLive);
        Assert.Equal(1, os.System.OomKills[0].Candidates);
    }

    [Fact]
    public void OnlyUnkillableProcesses_NoVictim_NothingKilled()
    {
        var os = new OomSystem();
        var db = os.Start("db", 50, Adj(-1000));

        var outcome = os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.Equal(OomOutcome.NoVictim, outcome);
        Assert.True(db.IsLive);
        Assert.Empty(os.System.OomKills);
    }

    [Fact]
    public void Tie_GoesToTheLaterProcess()
    {
        var os = new OomSystem();
        var first = os.Start("a", 300);
        var second = os.Start("b", 300);

        os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.True(first.IsLive);
        Assert.False(second.IsLive);
    }

    [Fact]
    public void RequesterChosen_ReturnsKilledRequester()
    {
        var os = new OomSystem();
        os.Start("small", 10);
        var hog = os.Start("hog", 500);

        Assert.Equal(OomOutcome.KilledRequester, os.System.OomKiller.OutOfMemory(hog.Mm, 1));
        Assert.False(hog.IsLive);
    }

    [Fact]
    public void KillLines_AreTheKernels()
    {
        var os = new OomSystem();
        os.Start("small", 10, ProcessOptions.Default with { User = "alice" });
        var hog = os.Start("hog", 500, ProcessOptions.Default with { User = "bob", OomScoreAdj = 100 });
        var pte = hog.Status().VmPte;
        var vm = hog.Status().VmSize / 1024;

        os.System.OomKiller.OutOfMemory(-1, 1);

        var lines = Assert.IsType<TimelineEvent.Kernel>(os.System.Timeline[^1]).Lines;
        Assert.Equal("kworker/0:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0", lines[0]);
        Assert.Equal("Tasks state (memory values in pages):", lines[1]);
        Assert.Equal("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name", lines[2]);
        Assert.Equal($"[    101]  1001   101 {vm / 4,8}      500 {pte,8}        0           100 hog", lines[4]);
        Assert.Equal("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=hog,pid=101,uid=1001", lines[5]);
        Assert.Equal($"Out of memory: Killed process 101 (hog) total-vm:{vm}kB, anon-rss:2000kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:{pte / 1024}kB oom_score_adj:100", lines[6]);
    }

    [Fact]
    public void Legacy_PrefersTheBigOldIdleProcess_WhereModernKillsTheGrowingOne()
    {
        // A big mapping mostly untouched (large total_vm, small RSS), started long ago,
        // and a young process with most of its memory resident.
        static OomSystem Build(OomMode mode)
        {
            var os = new OomSystem(m => { m.Oom = mode; m.Overcommit = OvercommitMode.Always; });
            os.Start("old", 50, ProcessOptions.Default with { User = "app" }, mappedPages: 20_000);
            os.Start("young", 3000, ProcessOptions.Default with { User = "app" });
            return os;
        }

        var modern = Build(OomMode.Modern);
        modern.System.OomKiller.OutOfMemory(-1, 1);
        var legacy = Build(OomMode.Legacy);
        legacy.System.OomKiller.OutOfMemory(-1, 1);

        Assert.Equal("young", modern.System.OomKills[0].Victim);
        Assert.Equal("old", legacy.System.OomKills[0].Victim);
    }

    [Fact]
    public void Legacy_KillLines_Are2635s_AndAChildIsKilledFirst()
    {
        var os = new OomSystem(m => m.Oom = OomMode.Legacy);
        var parent = os.Start("server", 1000, ProcessOptions.Default with { User = "www" });
        var child = os.Start("handler", 20, ProcessOptions.Default with { User = "www" }, parent: parent);
        var points = LegacyBadness.Points(parent, os.System.Processes, os.System.Now);
        var childVsz = child.Status().VmSize / 1024;

        os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.True(parent.IsLive);
        Assert.False(child.IsLive);
        var lines = Assert.IsType<TimelineEvent.Kernel>(os.System.Timeline[^1]).Lines;
        Assert.Equal("kworker/0:1 invoked oom-killer: gfp_mask=0xd0, order=0, oom_adj=0", lines[0]);
        Assert.Equal($"Out of memory: kill process {parent.Pid} (server) score {points} or a child", lines[1]);
        Assert.Equal($"Killed process {child.Pid} (handler) vsz:{childVsz}kB, anon-rss:80kB, file-rss:0kB", lines[2]);
    }

    [Fact]
    public void Legacy_OomAdjMinus17_IsNeverChosen()
    {
        var os = new OomSystem(m => m.Oom = OomMode.Legacy);
        var kept = os.Start("kept", 2000, ProcessOptions.Default with { OomAdj = -17, OomScoreAdj = -1000 });
        var other = os.Start("other", 10);

        os.System.OomKiller.OutOfMemory(-1, 1);

        Assert.True(kept.IsLive);
        Assert.False(other.IsLive);
    }

    [Fact]
    public void Legacy_OomScore_IsTheBadnessPoints()
    {
        var os = new OomSystem(m => m.Oom = OomMode.Legacy);
        var p = os.Start("p", 100, ProcessOptions.Default with { User = "u" });
        var vmPages = (long)(p.Status().VmSize / 4096);
        Assert.Equal(vmPages, OomKiller.Score(os.System, p));
    }
}
