using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary><c>command "nginx"</c>: the kernel names the process by its command (comm) wherever it prints a name.</summary>
public class CommandNameTests
{
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Reports(Proc p)
    {
        p.Report(S(3), ReportKind.Status, null);
        p.Report(S(4), ReportKind.OomScores, null);
        p.Report(S(5), ReportKind.Maps, null);
        p.Report(S(6), ReportKind.Top, null);
        yield return Op.Next;
    }

    private static IReadOnlyList<string> Snapshot(SimulationResult r, int line) =>
        r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Site.Line == line).Lines;

    [Fact]
    public void Command_NamesTheProcess_InStatusOomScoresMapsAndTop_ButTheProcessTableKeepsTheScenarioName()
    {
        var result = TestScenario.Run(b => b.Process(S(2), "web", ProcessOptions.Default with { Command = "nginx" }, Reports));

        Assert.Equal("Name:\tnginx", Snapshot(result, 3)[0]);
        Assert.EndsWith(" nginx", Snapshot(result, 4)[1]);
        Assert.EndsWith(" nginx", Snapshot(result, 5)[0]);
        Assert.EndsWith(" nginx", Snapshot(result, 6)[1]);
        Assert.DoesNotContain(Snapshot(result, 3).Concat(Snapshot(result, 4)).Concat(Snapshot(result, 5)), l => l.Contains("web", StringComparison.Ordinal));
        Assert.Equal("web", Assert.Single(result.Processes).Name);
    }
}
