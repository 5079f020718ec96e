using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Corpus;

/// <summary>The same file gives the same text and JSON, byte for byte, run after run (each run compiled afresh).</summary>
public class ScenarioDeterminismTests
{
    [Theory]
    [MemberData(nameof(ScenarioFrontendTests.Scenarios), MemberType = typeof(ScenarioFrontendTests))]
    public void Scenario_GivesTheSameTextAndJson_WhenRunTwice(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath));

        var first = Run(relativePath, text);
        var second = Run(relativePath, text);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Json, second.Json);
    }

    private static (string Text, string Json) Run(string path, string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(path, text), CompileOptions.NoCache);
        Assert.NotNull(compiled.Scenario);
        var result = Simulator.Run(compiled.Scenario);
        return (ReportRenderer.Render(result, ReportFormat.Text), ReportRenderer.Render(result, ReportFormat.Json));
    }
}
