using MemScript.Tests.Corpus;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// The defects the fuzzers found, each kept as the smallest scenario that
/// showed it (tests/Fuzz/Regressions/*.mems, with a comment saying what went
/// wrong): each runs to a report with exit 0 (its expectations hold), no
/// internal error and every self-check intact.
/// </summary>
public sealed class RegressionScenarioTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "Fuzz", "Regressions"), "*.mems").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RegressionScenario_RunsCleanly(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Fuzz", "Regressions", name);
        var outcome = BatchPipeline.Run([new BatchPipeline.Input("Regressions/" + name, File.ReadAllText(path))])[0];

        Assert.Null(GeneratedScenarioFuzzTests.Problem(outcome));
        Assert.Equal(0, outcome.ExitCode);
    }
}
