using MemScript.Cli.Snapshots;
using MemScript.Compiler;

namespace MemScript.Tests.Corpus;

/// <summary>
/// The corpus through the same engine as <c>memscript test scenarios</c>: every
/// scenario's text report equals its reviewed snapshot, and every expectation
/// in it holds. A change of kernel policy that moves a figure fails here with
/// the scenario's name.
/// </summary>
public class ScenarioSnapshotTests
{
    private static readonly SnapshotRunner Runner = PipelineSnapshotRunner.Create([], CompileOptions.NoCache);

    [Theory]
    [MemberData(nameof(ScenarioFrontendTests.Scenarios), MemberType = typeof(ScenarioFrontendTests))]
    public void Scenario_MatchesItsVerifiedReport_AndItsExpectationsHold(string relativePath)
    {
        var full = Path.Combine(RepoPaths.Root, relativePath);
        var verified = Path.ChangeExtension(full, null) + ".verified.txt";

        var output = Runner(relativePath, full);

        Assert.True(File.Exists(verified), $"{relativePath} has no verified snapshot; run `memscript test scenarios --accept` and review it");
        Assert.Equal(File.ReadAllText(verified), output.Text);
        Assert.True(output.Passed, output.FailureNote);
    }

    [Fact]
    public void EveryVerifiedSnapshot_HasItsScenario()
    {
        var dangling = Directory.GetFiles(RepoPaths.Scenarios, "*.verified.txt", SearchOption.AllDirectories)
            .Where(v => !File.Exists(v[..^".verified.txt".Length] + ".mems"))
            .ToList();

        Assert.Empty(dangling);
    }
}
