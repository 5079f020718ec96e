namespace MemScript.Tests.Cli;

/// <summary>
/// <c>--max-memory</c> and <c>--max-time</c>: a run past either stops with
/// its report so far and exit 1, never an out-of-memory; a bad value is a
/// usage error.
/// </summary>
public sealed class HostLimitTests
{
    private const string Long = """
        machine { ram 64M }
        process p {
          a = mmap 16M
          repeat 10000000 { touch a[..4K] }
        }
        """;

    [Fact]
    public void MaxMemory_StopsTheRun_WithItsReportSoFar()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        Assert.Equal(1, sandbox.Run("run", "long.mems", "--max-memory", "1M"));

        Assert.Contains("the simulation holds more than 1 MiB of host memory (--max-memory); the simulation stops here", sandbox.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("timeline", sandbox.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MaxTime_StopsALongRun()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        Assert.Equal(1, sandbox.Run("run", "long.mems", "--max-time", "1ms"));

        Assert.Contains("the simulation ran longer than 1 ms of wall-clock time (--max-time)", sandbox.Out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-memory", "2X")]
    [InlineData("--max-memory", "0")]
    [InlineData("--max-time", "10")]
    [InlineData("--max-time", "fast")]
    public void BadValues_AreUsageErrors(string option, string value)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        Assert.Equal(2, sandbox.Run("run", "long.mems", option, value));

        Assert.Contains(option + " takes a", sandbox.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Fact]
    public void Test_TakesTheHostLimits_AndARunTheyStopFailsItsTest()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        Assert.Equal(1, sandbox.Run("test", "long.mems", "--max-memory", "1M", "--max-time", "10m"));

        Assert.Contains("(--max-memory)", sandbox.Out.ToString() + sandbox.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-memory", "2X")]
    [InlineData("--max-time", "fast")]
    public void Test_BadValues_AreUsageErrors_BeforeAnyRun(string option, string value)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        Assert.Equal(2, sandbox.Run("test", "long.mems", option, value));

        Assert.Contains(option + " takes a", sandbox.Error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sandbox.Root, "long.received.txt")));
    }
}
