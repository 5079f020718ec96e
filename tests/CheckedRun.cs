using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests;

/// <summary>
/// Compiles a scenario's text (no cache) and runs it, asserting that it
/// compiled, that every expectation passed and every self-check held: the
/// start of a test that then reads the run's figures.
/// </summary>
internal static class CheckedRun
{
    public static SimulationResult Of(string fileName, string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(fileName, text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var r = Simulator.Run(compiled.Scenario!);
        Assert.All(r.Expectations, e => Assert.True(e.Passed, e.Text + ": " + e.Actual));
        Assert.All(r.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        return r;
    }

    /// <summary>The timeline row of the statement on <paramref name="line"/>.</summary>
    public static TimelineEvent.Statement Row(SimulationResult r, int line) =>
        r.Timeline.OfType<TimelineEvent.Statement>().Single(s => s.Site.Line == line);
}
