using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>The oom_scores table.</summary>
public class OomScoresFormatterTests
{
    [Fact]
    public void OomScores_PrintsRightAlignedUnderHeaders()
    {
        var lines = OomScoresFormatter.Format([new OomScoreRow(100, "web", 333, -500), new OomScoreRow(101, "batch", 1012, 0)]);

        Assert.Equal(
        [
            "    PID oom_score oom_score_adj COMMAND",
            "    100       333          -500 web",
            "    101      1012             0 batch",
        ], lines);
    }
}
