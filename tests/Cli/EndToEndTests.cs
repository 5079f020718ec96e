namespace MemScript.Tests.Cli;

/// <summary>The whole pipeline through the entry point: front end, Roslyn, simulator, report.</summary>
public sealed class EndToEndTests
{
    private const string Lazy = """
        machine { ram 64M; swap 0; }

        process p {
          a = malloc 64K
          touch a
          expect p.minflt >= 16
        }
        """;

    [Fact]
    public void RunCommand_Exits0AndPrintsReport_WhenExpectationsHold()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/lazy.mems", Lazy);

        Assert.Equal(0, sandbox.Run("run", "scenarios/lazy.mems"));
        Assert.Contains("scenarios/lazy.mems", sandbox.Out.ToString());
        Assert.Equal("", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_Exits1_WhenAnExpectationFails()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy.Replace(">= 16", ">= 1000", StringComparison.Ordinal));

        Assert.Equal(1, sandbox.Run("run", "lazy.mems"));
    }

    [Fact]
    public void RunCommand_Exits2WithSortedDiagnostics_WhenScenarioHasErrors()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("bad.mems", "process p {\n  touch nothere\n}\nmachine { ram 64M; bogus 3 }\n");

        Assert.Equal(2, sandbox.Run("run", "bad.mems"));
        var lines = DiagnosticHeaders.Of(sandbox.Error.ToString()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^bad\.mems:2:\d+: error MEMS\d{4}: ", lines[0]);
        Assert.Matches(@"^bad\.mems:4:\d+: error MEMS\d{4}: ", lines[1]);
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Fact]
    public void RunCommand_WritesReportToFile_WhenOutputGiven()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);

        Assert.Equal(0, sandbox.Run("run", "lazy.mems", "--format", "json", "-o", "out/report.json"));
        Assert.StartsWith("{", sandbox.Read("out/report.json"), StringComparison.Ordinal);
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Fact]
    public void RunCommand_MarkdownToFile_WritesItsChartsBesideIt_AndLinksThem()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);

        Assert.Equal(0, sandbox.Run("run", "lazy.mems", "-o", "out/report.md"));

        var md = sandbox.Read("out/report.md");
        Assert.Contains("![Free memory against the zone watermarks; shaded: kswapd0 awake](report.chart-memory.svg)", md);
        Assert.Contains("(report.chart-rss-100.svg)", md);
        Assert.StartsWith("<svg ", sandbox.Read("out/report.chart-memory.svg"), StringComparison.Ordinal);
        Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", sandbox.Read("out/report.chart-faults.svg"));
    }

    [Fact]
    public void RunCommand_Exits2_WhenSetOverrideIsUnknown()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);

        Assert.Equal(2, sandbox.Run("run", "lazy.mems", "--set", "nonsense=1"));
        Assert.Contains("nonsense", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_GivesSameReport_WithAndWithoutCache()
    {
        using var cached = new CliSandbox();
        using var uncached = new CliSandbox();
        cached.Write("lazy.mems", Lazy);
        uncached.Write("lazy.mems", Lazy);

        cached.Run("run", "lazy.mems");
        cached.Out.GetStringBuilder().Clear();
        cached.Run("run", "lazy.mems");
        uncached.Run("run", "lazy.mems", "--no-cache");

        Assert.Equal(uncached.Out.ToString(), cached.Out.ToString());
        Assert.Single(Directory.GetFiles(Path.Combine(cached.Root, ".cache"), "*.entry"));
    }

    [Fact]
    public void EmitCommand_PrintsGeneratedCSharpWithLineDirectives()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);

        Assert.Equal(0, sandbox.Run("emit", "lazy.mems"));
        Assert.Contains("#line (4, 3) - (4, 17) 13 \"lazy.mems\"", sandbox.Out.ToString());
    }

    [Fact]
    public void TestCommand_FailsWithReceived_ThenPassesAfterAccept()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/lazy.mems", Lazy);

        var first = sandbox.Run("test");
        var accept = sandbox.Run("accept", "scenarios");
        sandbox.Out.GetStringBuilder().Clear();
        var second = sandbox.Run("test", "scenarios");

        Assert.Equal((1, 0, 0), (first, accept, second));
        Assert.Contains("scenarios/lazy.mems", sandbox.Read("scenarios/lazy.verified.txt"));
        Assert.False(sandbox.Exists("scenarios/lazy.received.txt"));
        Assert.Contains("1 passed, 0 failed", sandbox.Out.ToString());
    }

    [Fact]
    public void TestCommand_PrintsDiagnosticsFailsAndExits2WritingNothing_WhenScenarioHasErrors()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/lazy.mems", Lazy);
        sandbox.Write("scenarios/broken.mems", "machine { bogus 3 }\n");

        var exit = sandbox.Run("test", "--accept");

        Assert.Equal(2, exit);
        var output = sandbox.Out.ToString();
        Assert.Matches(@"(?m)^scenarios/broken\.mems:1:\d+: error MEMS\d{4}: ", output);
        Assert.Contains("FAIL     scenarios/broken.mems", output);
        Assert.Contains("1 passed, 1 failed", output);
        Assert.False(sandbox.Exists("scenarios/broken.verified.txt"));
        Assert.False(sandbox.Exists("scenarios/broken.received.txt"));
        Assert.True(sandbox.Exists("scenarios/lazy.verified.txt"));
    }

    [Fact]
    public void TestCommand_Exits2OnceAndTouchesNoFile_WhenSetOverrideIsBad()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", Lazy);
        sandbox.Write("scenarios/b.mems", Lazy);

        var exit = sandbox.Run("test", "--accept", "--set", "swapiness=10");

        Assert.Equal(2, exit);
        var error = DiagnosticHeaders.Of(sandbox.Error.ToString()).TrimEnd('\n');
        Assert.Single(error.Split('\n'));
        Assert.Contains("swapiness", error);
        Assert.Equal("", sandbox.Out.ToString());
        Assert.Equal(["a.mems", "b.mems"], Directory.GetFiles(Path.Combine(sandbox.Root, "scenarios")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TestCommand_SnapshotIsTheSame_WhetherRunFromRootOrFromInsideTheFolder()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/lazy.mems", Lazy);
        var inside = sandbox.Context with { WorkingDirectory = Path.Combine(sandbox.Root, "scenarios") };

        sandbox.Run("test", "--accept", "scenarios");
        var fromRoot = sandbox.Read("scenarios/lazy.verified.txt");
        File.Delete(Path.Combine(sandbox.Root, "scenarios/lazy.verified.txt"));
        MemScript.Cli.CommandLineApp.Run(["test", "--accept", "."], inside);
        var fromInside = sandbox.Read("scenarios/lazy.verified.txt");
        File.Delete(Path.Combine(sandbox.Root, "scenarios/lazy.verified.txt"));
        MemScript.Cli.CommandLineApp.Run(["test", "--accept", "lazy.mems"], inside);
        var fileFromInside = sandbox.Read("scenarios/lazy.verified.txt");

        Assert.Contains("scenarios/lazy.mems", fromRoot);
        Assert.Equal(fromRoot, fromInside);
        Assert.Equal(fromRoot, fileFromInside);
    }
}
