using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// A repeat whose body does nothing still costs one statement per iteration,
/// so the runtime's statement budget ends it instead of the run hanging.
/// </summary>
public sealed class RunawayRepeatTests
{
    [Theory]
    [InlineData("repeat 9223372036854775807 { }")]
    [InlineData("repeat 9223372036854775807 {\n    repeat 0 { touch a }\n  }")]
    public void Repeat_EndsWithWorkLimit_WhenBodyDoesNothing(string loop)
    {
        var text = $"process p {{\n  a = malloc 4K\n  {loop}\n}}\n";
        var compiled = ScenarioCompiler.Compile(new CompileRequest("runaway.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));

        var result = Simulator.Run(compiled.Scenario!);

        Assert.Equal(RunOutcome.WorkLimit, result.Outcome);
    }
}
