using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class OomScoreScenarioTests
{
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    /// <summary>512 pages 2 MiB apart: 2 MiB resident, and about 514 page-table pages.</summary>
    private static IEnumerable<Op> SparseTouch(Proc p)
    {
        var a = p.Mmap(S(2), 1UL << 30, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3), a, AccessKind.Write, AccessPattern.StrideOf(2UL << 20), 1);
    }

    private static SimulationResult RunSparse(bool charged) => TestScenario.Run(b =>
    {
        b.Machine.Overcommit = OvercommitMode.Always;
        b.Machine.PageTablesCharged = charged;
        b.Process(S(1), "sparse", ProcessOptions.Default, SparseTouch);
    });

    private static long ScoreFromPages(long pages, long totalPages) => (1000 + pages * 1000 / totalPages) * 2 / 3;

    [Fact]
    public void OomScore_IgnoresPageTables_WhenPageTablesAreFree()
    {
        var result = RunSparse(charged: false);
        var p = Assert.Single(result.Processes);
        var totalPages = (long)((64UL << 20) / 4096);
        Assert.True(p.VmPteKb > 2000);
        Assert.Equal(ScoreFromPages(p.VmRssKb / 4, totalPages), p.OomScore);
    }

    [Fact]
    public void OomScore_CountsPageTables_WhenPageTablesAreCharged()
    {
        var result = RunSparse(charged: true);
        var p = Assert.Single(result.Processes);
        var totalPages = (long)((64UL << 20) / 4096);
        Assert.Equal(ScoreFromPages(p.VmRssKb / 4 + p.VmPteKb / 4, totalPages), p.OomScore);
    }
}
