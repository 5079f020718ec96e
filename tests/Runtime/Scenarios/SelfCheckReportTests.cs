using System.Text.Json;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>A broken invariant (injected on purpose) as the reports show it: the JSON <c>checks</c> say what differed, the run exits 1.</summary>
public class SelfCheckReportTests
{
    private const ulong M = 1024 * 1024;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Touch(Proc p)
    {
        var a = p.Mmap(S(2, "a = mmap"), 1 * M, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    private static SimulationResult Run(Action<MemScript.Runtime.Mm.Kernel>? inject) =>
        Simulator.Run(new TestScenario(b => b.Process(S(1), "app", ProcessOptions.Default, Touch)), inject);

    private static JsonElement Checks(SimulationResult r) =>
        JsonDocument.Parse(ReportRenderer.Render(r, ReportFormat.Json)).RootElement.GetProperty("checks").Clone();

    [Fact]
    public void HealthyRun_JsonChecks_AllOk_WithTheFrameSum()
    {
        var result = Run(null);
        var checks = Checks(result);

        Assert.Equal(new[] { "frames conserved", "content stamps intact" }, checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.All(checks.EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean()));
        Assert.All(checks.EnumerateArray(), c => Assert.False(c.TryGetProperty("differed", out _)));
        Assert.EndsWith("frames", checks[0].GetProperty("detail").GetString());
        Assert.Equal(0, MemScript.Cli.ExitCodes.ForRun(result));
    }

    [Fact]
    public void CorruptedMapCount_JsonChecks_SayWhatDiffered_AndTheRunExits1()
    {
        var result = Run(k => Assert.True(k.InjectMapCountCorruption()));
        var frames = Checks(result)[0];

        Assert.Equal("frames conserved", frames.GetProperty("name").GetString());
        Assert.False(frames.GetProperty("ok").GetBoolean());
        var differed = Assert.Single(frames.GetProperty("differed").EnumerateArray());
        Assert.Matches(@"^frame \d+ \(Anon\) has map count 2, 1 PTEs map it$", differed.GetString());
        Assert.Contains("has map count 2, 1 PTEs map it", frames.GetProperty("detail").GetString());
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.False(result.Passed);
        Assert.Equal(1, MemScript.Cli.ExitCodes.ForRun(result));
        Assert.Contains("frames conserved FAILED (frame ", ReportRenderer.Render(result, ReportFormat.Md));
        Assert.Contains("frames conserved FAILED (frame ", ReportRenderer.Render(result, ReportFormat.Text));
    }
}
