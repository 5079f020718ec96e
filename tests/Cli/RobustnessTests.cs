using MemScript.Cli;
using MemScript.Cli.Snapshots;
using MemScript.Runtime;
using MemScript.Tests.Runtime.Reporting;

namespace MemScript.Tests.Cli;

/// <summary>File-system trouble in the harness is one FAIL line for that file, never the end of the run; exit codes by run outcome.</summary>
public sealed class RobustnessTests
{
    private const string Report = "report\n";

    [Fact]
    public void Test_FailsOnlyThatScenario_WhenItsReceivedFileCannotBeWritten()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/b.mems", "");
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "scenarios/a.received.txt"));
        var fake = new FakeRunner().Returns("scenarios/a.mems", Report).Returns("scenarios/b.mems", Report);

        var summary = new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.Equal((0, 2, 1), (summary.Passed, summary.Failed, summary.ExitCode));
        Assert.Contains("FAIL     scenarios/a.mems: snapshot file error: ", sandbox.Out.ToString());
        Assert.Equal(Report, sandbox.Read("scenarios/b.received.txt"));
    }

    [Fact]
    public void Accept_FailsOnlyThatSnapshot_WhenItsVerifiedFileCannotBeReplaced()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.received.txt", Report);
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "scenarios/a.verified.txt"));
        sandbox.Write("scenarios/b.mems", "");
        sandbox.Write("scenarios/b.received.txt", Report);

        var summary = new SnapshotHarness(new FakeRunner().Runner, sandbox.Context).Accept([]);

        Assert.Equal((1, 1, 1), (summary.Accepted, summary.Failed, summary.ExitCode));
        Assert.Contains("FAIL     scenarios/a.mems: snapshot file error: ", sandbox.Out.ToString());
        Assert.Equal(Report, sandbox.Read("scenarios/b.verified.txt"));
    }

    [Theory]
    [InlineData(RunOutcome.Completed, 0)]
    [InlineData(RunOutcome.WorkLimit, 1)]
    [InlineData(RunOutcome.KernelPanic, 0)]   // the simulated machine panicked: what the scenario shows, not a failure
    [InlineData(RunOutcome.InternalError, 2)]
    public void ExitCode_Is2OnlyForInternalError_AmongRunOutcomes(RunOutcome outcome, int expected)
    {
        var result = SampleResults.LazyAllocation() with { Outcome = outcome };

        Assert.Equal(expected, ExitCodes.ForRun(result));
    }
}
