using MemScript.Cli.Compare;
using MemScript.Runtime;

namespace MemScript.Tests.Cli.Compare;

/// <summary>Where two runs part, as the divergence line says it.</summary>
public sealed class DivergenceFinderTests
{
    private static readonly Site Touch = new(9, 3, "touch chunk");
    private static readonly Site None = new(0, 0, "");

    [Fact]
    public void Find_IsNull_WhenBothRunsShowTheSameThing()
    {
        var a = Result([Statement(0, 10, 0)]);
        var b = Result([Statement(0, 10, 0)]);

        Assert.Null(DivergenceFinder.Find(a, b));
    }

    [Fact]
    public void Find_NamesAnotherFaultCountOnAStatement()
    {
        var d = DivergenceFinder.Find(Result([Statement(1_000_000, 256, 0)]), Result([Statement(1_000_000, 250, 6)]))!;

        Assert.Equal(1_000_000, d.TimeNs);
        Assert.Equal(9, d.Line);
        Assert.Equal("grower:9", d.Where);
        Assert.Equal("touch chunk: faults 256/0 -> 250/6, RSS +1024 kB -> +1000 kB", d.What);
    }

    [Fact]
    public void Find_NamesAnotherOomVictim()
    {
        var d = DivergenceFinder.Find(
            Result([Statement(0, 1, 0), Kill(5_000_000, 101, "grower")]),
            Result([Statement(0, 1, 0), Kill(5_000_000, 100, "hoarder")]))!;

        Assert.Equal("another OOM victim: grower (pid 101) -> hoarder (pid 100)", d.What);
        Assert.Equal(5_000_000, d.TimeNs);
    }

    [Fact]
    public void Find_NamesAnOomKillInOneRunOnly()
    {
        var d = DivergenceFinder.Find(
            Result([Statement(0, 1, 0), Kill(5_000_000, 101, "grower")]),
            Result([Statement(0, 1, 0), Statement(5_000_000, 3, 0)]))!;

        Assert.StartsWith("another OOM choice: the base kills grower (pid 101); the candidate: touch chunk (3/0 faults)", d.What, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ComparesTheEnd_WhenTimelinesAgree()
    {
        var a = Result([Statement(0, 1, 0)], pgscan: 100);
        var b = Result([Statement(0, 1, 0)], pgscan: 120);

        var d = DivergenceFinder.Find(a, b)!;

        Assert.Equal("end", d.Where);
        Assert.Equal("vmstat pgscan_kswapd 100 -> 120", d.What);
    }

    [Fact]
    public void Find_SaysWhichRunGoesOn()
    {
        var d = DivergenceFinder.Find(Result([Statement(0, 1, 0)]), Result([Statement(0, 1, 0), Statement(2_000, 4, 0)]))!;

        Assert.Equal("the base run has ended; the candidate goes on: touch chunk (4/0 faults)", d.What);
        Assert.Equal(2_000, d.TimeNs);
    }

    [Theory]
    [InlineData("kswapd0 sleeps: reclaimed 64 pages, scanned 8008", "kswapd0 sleeps: reclaimed 64 pages, scanned 64",
        "kswapd0 sleeps: reclaimed 64 pages, scanned [8008 -> 64]")]
    [InlineData("a b", "a c", "a b -> a c")]
    public void Arrow_WritesALongSharedBeginningOnce(string a, string b, string expected) =>
        Assert.Equal(expected, DivergenceFinder.Arrow(a, b));

    private static TimelineEvent Statement(long time, long min, long maj) =>
        new TimelineEvent.Statement(time, Touch, 101, "grower", min, maj, 4 * min, null) { Who = "grower", EndNs = time + 1000 };

    private static TimelineEvent Kill(long time, int pid, string name) =>
        new TimelineEvent.Kernel(time, None, pid, name,
        [
            "grower invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0",
            $"Out of memory: Killed process {pid} ({name}) total-vm:1024kB, anon-rss:1024kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
        ]) { Who = "-" };

    private static SimulationResult Result(IReadOnlyList<TimelineEvent> timeline, long pgscan = 0) => new(
        "x.mems",
        new MachineSummary([], [], 0, 0, 0),
        [],
        timeline,
        [],
        [new Counter("pgscan_kswapd", pgscan)],
        [],
        [],
        [],
        [],
        10_000,
        RunOutcome.Completed,
        null);
}
