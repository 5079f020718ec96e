using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>Which statement rows the timeline lists: a runaway loop's are cut after 20, a stopped statement's is kept.</summary>
public class TimelineRowTests
{
    private const ulong K = 1024;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Loop(Proc p, int times)
    {
        var a = p.Malloc(S(15, "a = malloc 4K"), 4 * K);
        yield return Op.Next;
        for (var i = 0; i < times; i++)
        {
            yield return p.Access(S(16, "write a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
            p.Expect(S(17), new Expectation.Field("web.minflt >= 1", "web", ProcessField.minflt, CompareOp.Ge, 1));
            yield return Op.Next;
        }
        p.Report(S(18, "free"), ReportKind.Free, null);
    }

    [Fact]
    public void RepeatedStatement_Lists20Rows_ThenOneRowCountingTheRest_ExpectsNeverCut()
    {
        var result = TestScenario.Run(b => b.Process(S(14), "web", ProcessOptions.Default, p => Loop(p, 35)));

        Assert.Equal(20, result.Timeline.Count(e => e is TimelineEvent.Statement { Site.Line: 16 }));
        var omitted = Assert.Single(result.Timeline.OfType<TimelineEvent.Omitted>());
        Assert.Equal(15, omitted.Count);
        Assert.Equal(35, result.Timeline.Count(e => e is TimelineEvent.Expect));
        var rows = result.Timeline.Where(e => e is TimelineEvent.Statement { Site.Line: 16 } or TimelineEvent.Omitted).ToList();
        Assert.IsType<TimelineEvent.Omitted>(rows[20]);
        Assert.Contains("... 15 more runs not listed (totals in the process table)",
            ReportRenderer.Render(result, ReportFormat.Text));
    }

    [Fact]
    public void StatementRunExactly20Times_HasNoOmittedRow()
    {
        var result = TestScenario.Run(b => b.Process(S(14), "web", ProcessOptions.Default, p => Loop(p, 20)));
        Assert.Empty(result.Timeline.OfType<TimelineEvent.Omitted>());
        Assert.Equal(20, result.Timeline.Count(e => e is TimelineEvent.Statement { Site.Line: 16 }));
    }

    private static IEnumerable<Op> TouchTooMuch(Proc p)
    {
        var big = p.Mmap(S(3, "big = mmap 32M"), 32 * K * K, MmapFlags.NoReserve);
        yield return Op.Next;
        yield return p.Access(S(4, "touch big"), big, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void StatementInProgress_WhenTheKernelPanics_GetsItsRow_WithItsFaultsSoFar_AndDetailStopped()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * K * K;
            b.Process(S(2), "web", ProcessOptions.Default with { OomScoreAdj = -1000 }, TouchTooMuch);
        });

        // The only process may not be killed (oom_score_adj -1000): the kernel panics.
        Assert.Equal(RunOutcome.KernelPanic, result.Outcome);
        var row = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Site.Line == 4);
        Assert.Equal("stopped", row.Detail);
        Assert.True(row.MinFlt > 1000, $"faults so far: {row.MinFlt}");
        Assert.Equal(result.Processes.Single().MinFlt, row.MinFlt);
        Assert.True(row.RssDeltaKb > 4000);
    }

    [Fact]
    public void StatementInProgress_WhenTheProcessIsOomKilled_GetsItsRow_WithItsFaultsSoFar_AndDetailOomKilled()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * K * K;
            b.Process(S(2), "web", ProcessOptions.Default, TouchTooMuch);
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var row = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Site.Line == 4);
        Assert.Equal("oom-killed", row.Detail);
        Assert.True(row.MinFlt > 1000, $"faults so far: {row.MinFlt}");
        Assert.True(row.RssDeltaKb > 4000);
        // The kill is stamped when it happened, in the middle of the touch, not when the touch began;
        // nothing runs after it.
        Assert.Equal(result.ElapsedNs, Assert.Single(result.OomKills).TimeNs);
    }
}
