using MemScript.Cli.Snapshots;

namespace MemScript.Tests.Cli;

public sealed class SnapshotHarnessTests
{
    private const string Report = "line 1\nline 2\nline 3\nline 4\nline 5\n";

    [Fact]
    public void Test_PassesAndDeletesStaleReceived_WhenReportMatchesVerified()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", Report);
        sandbox.Write("scenarios/a.received.txt", "stale");
        var fake = new FakeRunner().Returns("scenarios/a.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal(0, summary.ExitCode);
        Assert.False(sandbox.Exists("scenarios/a.received.txt"));
        Assert.EndsWith("1 passed, 0 failed\n", sandbox.Out.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Test_WritesReceivedAndPrintsUnifiedDiff_WhenReportDiffers()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", Report);
        var changed = Report.Replace("line 3", "line three", StringComparison.Ordinal);
        var fake = new FakeRunner().Returns("scenarios/a.mems", changed);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test(["scenarios"], accept: false);

        Assert.Equal(1, summary.ExitCode);
        Assert.Equal(changed, sandbox.Read("scenarios/a.received.txt"));
        Assert.Equal(Report, sandbox.Read("scenarios/a.verified.txt"));
        var output = sandbox.Out.ToString();
        Assert.Contains(
            "--- scenarios/a.verified.txt\n+++ scenarios/a.received.txt\n@@ -1,5 +1,5 @@\n line 1\n line 2\n-line 3\n+line three\n line 4\n line 5\n",
            output);
        Assert.Contains("0 passed, 1 failed", output);
    }

    [Fact]
    public void Test_FailsAndWritesReceived_WhenVerifiedIsMissing()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/new.mems", "");
        var fake = new FakeRunner().Returns("scenarios/new.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal(1, summary.Failed);
        Assert.Equal(Report, sandbox.Read("scenarios/new.received.txt"));
        Assert.False(sandbox.Exists("scenarios/new.verified.txt"));
    }

    [Fact]
    public void Test_WithAccept_WritesVerifiedAndPasses_WhenReportIsNew()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/new.mems", "");
        var fake = new FakeRunner().Returns("scenarios/new.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: true);

        Assert.Equal(0, summary.ExitCode);
        Assert.Equal(1, summary.Accepted);
        Assert.Equal(Report, sandbox.Read("scenarios/new.verified.txt"));
        Assert.False(sandbox.Exists("scenarios/new.received.txt"));
    }

    [Fact]
    public void Accept_PromotesReceivedToVerified()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", "old\n");
        sandbox.Write("scenarios/a.received.txt", "new\n");
        var fake = new FakeRunner().Returns("scenarios/a.mems", "new\n");
        var harness = new SnapshotHarness(fake.Runner, sandbox.Context);

        var accepted = harness.Accept([]);
        var retest = harness.Test([], accept: false);

        Assert.Equal(1, accepted.Accepted);
        Assert.Equal("new\n", sandbox.Read("scenarios/a.verified.txt"));
        Assert.False(sandbox.Exists("scenarios/a.received.txt"));
        Assert.Equal(0, retest.ExitCode);
    }

    [Fact]
    public void Test_WithAccept_IsRefusedAndChangesNothing_WhenCiIsSet()
    {
        using var sandbox = new CliSandbox().WithCi();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", "old\n");
        var fake = new FakeRunner().Returns("scenarios/a.mems", "new\n");

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: true);

        Assert.Equal(2, summary.ExitCode);
        Assert.Equal("old\n", sandbox.Read("scenarios/a.verified.txt"));
        Assert.Contains("CI", sandbox.Error.ToString());
        Assert.Empty(fake.Ran);
    }

    [Fact]
    public void Test_FailsDanglingSnapshot_WhenScenarioIsGone()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", Report);
        sandbox.Write("scenarios/deep/gone.verified.txt", Report);
        var fake = new FakeRunner().Returns("scenarios/a.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal(1, summary.ExitCode);
        Assert.Contains("scenarios/deep/gone.verified.txt: dangling snapshot", sandbox.Out.ToString());
        Assert.Contains("1 passed, 1 failed", sandbox.Out.ToString());
    }

    [Fact]
    public void Test_Fails_WhenSnapshotMatchesButExpectationsFailed()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.verified.txt", Report);
        var fake = new FakeRunner().Returns("scenarios/a.mems", Report, passed: false);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal(1, summary.ExitCode);
        Assert.Contains("expectation(s) failed", sandbox.Out.ToString());
    }

    [Fact]
    public void Test_RunsOthersAndCountsFailure_WhenOneScenarioThrows()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/b.mems", "");
        sandbox.Write("scenarios/b.verified.txt", Report);
        var fake = new FakeRunner().Throws("scenarios/a.mems").Returns("scenarios/b.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal((1, 1), (summary.Passed, summary.Failed));
        Assert.Contains("scenarios/a.mems: internal error: InvalidOperationException: simulated bug", sandbox.Out.ToString());
    }

    [Fact]
    public void Test_RunsScenariosInOrdinalPathOrder_WhenFoldersNest()
    {
        using var sandbox = new CliSandbox();
        foreach (var path in new[] { "s/b.mems", "s/a/z.mems", "s/B.mems", "s/a.mems" })
            sandbox.Write(path, "");
        var fake = new FakeRunner().Returns("s/b.mems", "").Returns("s/a/z.mems", "").Returns("s/B.mems", "").Returns("s/a.mems", "");

        new SnapshotHarness(fake.Runner, sandbox.Context).Test(["s"], accept: false);

        Assert.Equal(["s/B.mems", "s/a.mems", "s/a/z.mems", "s/b.mems"], fake.Ran);
    }

    [Fact]
    public void Test_IsUsageError_WhenPathDoesNotExist()
    {
        using var sandbox = new CliSandbox();

        var summary = new SnapshotHarness(new FakeRunner().Runner, sandbox.Context).Test(["nowhere"], accept: false);

        Assert.Equal(2, summary.ExitCode);
        Assert.Contains("nowhere: no such file or directory", sandbox.Error.ToString());
    }
}
