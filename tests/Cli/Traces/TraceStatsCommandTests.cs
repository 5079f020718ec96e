namespace MemScript.Tests.Cli.Traces;

/// <summary><c>memscript trace stats</c> as a user runs it: the tables, the SVG, and a bad trace's diagnostic.</summary>
public sealed class TraceStatsCommandTests
{
    [Fact]
    public void Silberschatz_CountsHistogramAndCurve()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("s.txt", "# comment\n7\n0\n1\n2\n0\n3\n0\n4\n2\n3\n0\n3\n2\n1\n2\n0\n1\n7\n0\n1\n");

        var code = sandbox.Run("trace", "stats", "s.txt", "--svg", "s.svg");

        Assert.Equal(0, code);
        var text = sandbox.Out.ToString();
        Assert.Contains("requests      20\n", text, StringComparison.Ordinal);
        Assert.Contains("unique pages  6\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  2-3 +9 +45\.00%\n", text);
        Assert.Matches(@"\n  first access +6 +30\.00%\n", text);
        // LRU on four frames faults 8 times on this string (Silberschatz, figure 10.15 and the exercises).
        Assert.Matches(@"\n  4 +8 +0\.400000\n", text);
        Assert.StartsWith("<svg ", sandbox.Read("s.svg"), StringComparison.Ordinal);
        Assert.Contains("<polyline", sandbox.Read("s.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public void BadTrace_PrintsItsDiagnostic_AndExits2()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("b.txt", "1\n2\nthree\n");

        var code = sandbox.Run("trace", "stats", "b.txt");

        Assert.Equal(2, code);
        Assert.Contains("b.txt:3:1: error MEMS5001: 'three' is not a page index (a non-negative integer)", sandbox.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Exits2()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("trace", "stats", "nope.bin"));
        Assert.Contains("trace stats: nope.bin: no such file", sandbox.Error.ToString(), StringComparison.Ordinal);
    }
}
