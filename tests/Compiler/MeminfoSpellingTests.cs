using MemScript.Compiler;
using MemScript.Runtime;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Compiler;

/// <summary>meminfo fields can be written as /proc/meminfo prints them, <c>Active(anon)</c>, as well as <c>Active_anon</c>.</summary>
public sealed class MeminfoSpellingTests
{
    [Theory]
    [InlineData("Active(anon)", "Active_anon")]
    [InlineData("Inactive(anon)", "Inactive_anon")]
    [InlineData("Active(file)", "Active_file")]
    [InlineData("Inactive(file)", "Inactive_file")]
    public void ProcSpelling_ReadsTheSameFieldAsTheUnderscoreSpelling(string proc, string underscore)
    {
        var text = $"machine {{ ram 64M; swap 0 }}\nfile \"f\" size 64K\nprocess p {{\n  a = malloc 64K\n  touch a\n  m = mmap file \"f\"\n  read m\n  expect meminfo.{proc} >= 0\n  expect meminfo.{underscore} >= 0\n}}\n";
        var compiled = ScenarioCompiler.Compile(new CompileRequest("spelling.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));

        var result = Simulator.Run(compiled.Scenario!);

        Assert.Equal(2, result.Expectations.Count);
        Assert.Equal(result.Expectations[1].Actual, result.Expectations[0].Actual);
        Assert.All(result.Expectations, e => Assert.True(e.Passed));
    }

    [Fact]
    public void ProcSpelling_OfAnUnknownField_IsUnknownAsWritten()
    {
        var error = AssertSingle("expect meminfo.Active(huge) >= 0", "MEMS1018", 1, 16);
        Assert.Contains("'Active(huge)'", error.Message);
    }
}
