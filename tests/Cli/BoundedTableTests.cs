using System.Text;

namespace MemScript.Tests.Cli;

/// <summary>
/// The rows of the README's host-limits table (bench/bounded-table.sh), at a
/// scale the suite affords: each runs (exit 0 or 1, a stop line with the
/// report so far) or is refused up front with a positioned diagnostic (exit
/// 2), never an internal error. Timings are the script's business, not these
/// tests'. The 1 MB row's chunked code is tested in ChunkedBodyTests.
/// </summary>
public sealed class BoundedTableTests
{
    private static (int Exit, string Out, string Error) Run(string text, params string[] options)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("row.mems", text);
        var exit = sandbox.Run(["run", "row.mems", "--no-cache", .. options]);
        return (exit, sandbox.Out.ToString(), sandbox.Error.ToString());
    }

    [Fact]
    public void ManySmallProcesses_RunToTheEnd_AllAlive()
    {
        var text = new StringBuilder("machine { ram 4G }\n");
        for (var i = 0; i < 400; i++)
            text.Append("process p").Append(i).Append(" { a = malloc 4K; touch a }\n");

        var (exit, report, error) = Run(text.ToString());

        Assert.True(exit == 0, error);
        Assert.Matches(@"\n  p399 +499  alive", report);
        Assert.DoesNotContain("stopped:", report);
    }

    [Fact]
    public void ForksInLoops_PastPidMax_AreEagain_AndTheRunEnds()
    {
        var (exit, report, error) = Run("machine { pid_max 400 }\nprocess p {\n  repeat 100 { fork c { repeat 100 { fork d { sleep 1s } } } }\n}\n");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("stopped:", report);
        // Pids 100 to 399: p, then as many children as pid_max leaves; every other fork was EAGAIN.
        Assert.Equal(299, System.Text.RegularExpressions.Regex.Matches(report, @"\n  [cd] +\d+  alive").Count);
        Assert.DoesNotContain(" 400  alive", report);
    }

    [Theory]
    [InlineData("process p {\n  repeat 100000000 { top }\n}\n")]
    [InlineData("machine { ram 64M; swap 256M; reclaim opt }\nprocess p {\n  a = mmap 128M\n  read a times 2000000000\n}\n")]
    [InlineData("machine { ram 64G }\nprocess p {\n  a = mmap 64G read\n  repeat 1000 { read a zipf 100000 }\n}\n")]
    public void LongRuns_StopWithTheReportSoFar_AndExit1(string text)
    {
        var (exit, report, error) = Run(text, "--max-time", "1s");

        Assert.True(exit == 1, error);
        Assert.Contains("\ntimeline\n", report);
        Assert.Matches(@"\nstopped: (work limit reached|the simulation ran longer than 1000 ms)", report);
        Assert.DoesNotContain("internal error", report + error);
    }

    [Fact]
    public void ZipfOverA4TRegion_RunsInConstantMemory()
    {
        var (exit, report, error) = Run("process p {\n  a = mmap 4T read\n  read a zipf 1\n}\n");

        Assert.True(exit == 0, error);
        Assert.Contains("read a zipf 1", report);
    }

    [Fact]
    public void DistinctNamesPastTheStatementLimit_AreRefusedUpFront_AtTheFirstOneTooMany()
    {
        var text = new StringBuilder("process p {\n");
        for (var i = 0; i <= MemScript.Dsl.Binding.Limits.MaxStatements; i++)
            text.Append("  n").Append(i).Append(" = malloc 16\n");
        text.Append("}\n");

        var (exit, report, error) = Run(text.ToString());

        Assert.Equal(2, exit);
        Assert.Equal("", report);
        Assert.StartsWith("row.mems:150001:3: error MEMS1060: the scenario has more than 150000 statements", error);
    }

    [Fact]
    public void AScenarioOfProcessesPastTheLimit_IsRefusedAtItsLine_NotAnInternalError()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 60_000; i++)
            text.Append("process p").Append(i).Append(" { a = malloc 4K; touch a }\n");

        var (exit, report, error) = Run(text.ToString());

        Assert.Equal(2, exit);
        Assert.Equal("", report);
        Assert.StartsWith("row.mems:50001:1: error MEMS1060:", error);
        Assert.Single(DiagnosticHeaders.Of(error).Trim().Split('\n'));
    }
}
