namespace MemScript.Tests.Cli;

/// <summary>
/// A report statement in a long loop keeps its first 100 snapshots and one
/// line for the rest, in the text, Markdown and HTML reports (JSON has no
/// snapshots), so the report's memory is bounded
/// whatever the loop's count.
/// </summary>
public sealed class SnapshotBoundTests
{
    private const string Loop = """
        process p {
          a = mmap 64K
          repeat 1000 {
            touch a
            vmstat
          }
        }
        """;

    [Fact]
    public void ReportStatementInALoop_KeepsTheFirst100Snapshots_AndCountsTheRest()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("loop.mems", Loop);

        Assert.Equal(0, sandbox.Run("run", "loop.mems"));

        var lines = sandbox.Out.ToString().Replace("\r\n", "\n").Split('\n');
        Assert.Equal(101, lines.Count(l => l.StartsWith("/proc/vmstat at ", StringComparison.Ordinal)));
        var summary = Assert.Single(lines, l => l.Contains("more snapshots", StringComparison.Ordinal));
        Assert.Equal("... 900 more snapshots of this statement not listed (the first 100 are)", summary);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("html")]
    public void MarkdownAndHtml_OfALongLoop_HoldTheSameBoundedTimeline(string format)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("loop.mems", Loop);

        Assert.Equal(0, sandbox.Run("run", "loop.mems", "--format", format));

        var report = sandbox.Out.ToString();
        Assert.Contains("900 more snapshots of this statement not listed", report, StringComparison.Ordinal);
        Assert.True(report.Length < 400_000, $"the {format} report is {report.Length} characters");
    }
}
