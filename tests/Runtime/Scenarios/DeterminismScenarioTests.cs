using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class DeterminismScenarioTests
{
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> RandomReads(Proc p, long seed)
    {
        var a = p.Mmap(S(2), 1UL << 20, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3), a, AccessKind.Write, AccessPattern.RandomOf(300, seed), 1);
    }

    private static void Build(ScenarioBuilder b)
    {
        b.Machine.QuantumNs = 50_000;
        b.Process(S(1), "a", ProcessOptions.Default, p => RandomReads(p, 1));
        b.Process(S(5), "b", ProcessOptions.Default, p => RandomReads(p, 2));
        b.At(S(9), 100_000, e => e.Report(S(10), ReportKind.Top, null));
    }

    [Fact]
    public void SameScenario_GivesTheSameReport_ByteForByte()
    {
        var first = MemScript.Runtime.Reporting.ReportRenderer.Render(TestScenario.Run(Build), MemScript.Runtime.Reporting.ReportFormat.Json);
        var second = MemScript.Runtime.Reporting.ReportRenderer.Render(TestScenario.Run(Build), MemScript.Runtime.Reporting.ReportFormat.Json);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Timeline_IsInSimulatedTimeOrder()
    {
        var result = TestScenario.Run(Build);
        var times = result.Timeline.Select(e => e.TimeNs).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
    }
}
