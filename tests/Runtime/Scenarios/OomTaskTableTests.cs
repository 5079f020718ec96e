using MemScript.Runtime;
using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>
/// Many processes, many OOM kills: each kill's task table keeps its first 50
/// rows and sums up the rest in one row, so the report grows linearly.
/// </summary>
public class OomTaskTableTests
{
    private const ulong M = 1024 * 1024;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Touch(Proc p)
    {
        var a = p.Mmap(S(2, "a = mmap"), 1 * M, MmapFlags.NoReserve);
        yield return Op.Next;
        yield return p.Access(S(3, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void ManyKills_AmongManyProcesses_EachTaskTableStopsAt50Rows_ThenOneSummaryRow()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 32 * M;
            for (var i = 0; i < 200; i++)
                b.Process(S(1), "p" + i, ProcessOptions.Default, Touch);
        });

        Assert.True(result.OomKills.Count >= 100, $"{result.OomKills.Count} kills");
        var tables = result.Timeline.OfType<TimelineEvent.Kernel>()
            .Select(k => k.Lines)
            .Where(l => l.Contains(OomKillLines.TableHeader))
            .Select(l => l.SkipWhile(x => x != OomKillLines.TableHeader).Skip(1).TakeWhile(x => !x.StartsWith("oom-kill:", StringComparison.Ordinal)).ToList())
            .ToList();
        Assert.Equal(result.OomKills.Count, tables.Count);
        Assert.All(tables, rows => Assert.InRange(rows.Count, 1, OomKillLines.MaxTaskRows + 1));
        var first = tables[0];
        Assert.Equal(OomKillLines.MaxTaskRows + 1, first.Count);
        Assert.All(first.Take(OomKillLines.MaxTaskRows), row => Assert.StartsWith("[", row));
        var live = result.OomKills[0].Candidates;
        Assert.Equal($"... {live - OomKillLines.MaxTaskRows} more tasks", first[^1]);
        var last = tables[^1];
        Assert.DoesNotContain(last, row => row.StartsWith("...", StringComparison.Ordinal));
    }
}
