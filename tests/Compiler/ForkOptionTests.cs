using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>A fork child inherits its parent's options unless the fork header gives them, even a written default.</summary>
public sealed class ForkOptionTests
{
    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("fork.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    private static string Parent(string forkOptions) =>
        $"process p (oom_score_adj -500, user \"www\") {{\n  fork c{forkOptions} {{\n    sleep 1ms\n  }}\n  sleep 2ms\n}}\n";

    [Fact]
    public void Fork_KeepsAWrittenDefault_InsteadOfInheriting()
    {
        var child = Run(Parent(" (oom_score_adj 0, user \"root\")")).Processes.Single(p => p.Name == "c");

        Assert.Equal((0, "root"), (child.OomScoreAdj, child.User));
    }

    [Fact]
    public void Fork_InheritsWhatItDoesNotGive()
    {
        var child = Run(Parent("")).Processes.Single(p => p.Name == "c");

        Assert.Equal((-500, "www"), (child.OomScoreAdj, child.User));
    }
}
