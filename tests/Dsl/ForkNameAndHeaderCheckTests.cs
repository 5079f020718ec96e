using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>Checks on forks, names and reports: one clear diagnostic at the right place.</summary>
public sealed class ForkNameAndHeaderCheckTests
{
    [Theory]
    [InlineData("process p { fork c (start 5ms) { } }", "MEMS1030", 1, 21)]
    [InlineData("process p (pid 7) { }\nprocess q { fork c (pid 7) { } }", "MEMS1014", 2, 21)]
    [InlineData("process q { fork c (pid 7) { } }\nprocess p (pid 7) { }", "MEMS1014", 2, 12)]
    [InlineData("process q { fork c (pid 7) { }; fork d (pid 7) { } }", "MEMS1014", 1, 41)]
    [InlineData("process q { repeat 2 { fork c (pid 9) { } } }", "MEMS1031", 1, 32)]
    [InlineData("at 1ms { maps }", "MEMS1029", 1, 10)]
    [InlineData("status", "MEMS1029", 1, 1)]
    public void Check_ReportsOneDiagnostic(string text, string id, int line, int column) =>
        AssertSingle(text, id, line, column);

    [Fact]
    public void Fork_StackLimit_SetsTheChildsStackRange()
    {
        AssertSingle("process p { fork c (limit stack 64K) { touch stack[..128K] } }", "MEMS1016", 1, 46);
        AssertClean("process p (limit stack 64K) { fork c (limit stack 1M) { touch stack[..128K] } }");
    }

    [Fact]
    public void Fork_WithoutStackLimit_InheritsTheParentsForTheRangeCheck() =>
        AssertSingle("process p (limit stack 64K) { fork c { touch stack[..128K] } }", "MEMS1016", 1, 46);

    [Theory]
    [InlineData("process {0} {{ }}", 9)]
    [InlineData("process p {{ fork {0} {{ }} }}", 18)]
    [InlineData("process p {{ {0} = malloc 4K }}", 13)]
    public void VeryLongName_IsOneCheckerError(string shape, int column)
    {
        var name = new string('n', 5000);
        var error = AssertSingle(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, name), "MEMS1028", 1, column);
        Assert.Contains("128", error.Message);
    }

    [Fact]
    public void NameOfMaximumLength_IsAccepted() =>
        AssertClean($"process {new string('n', 128)} {{ }}");

    [Fact]
    public void ReportInsideAProcess_NeedsNoName() =>
        AssertClean("process p { maps; status }");

    [Theory]
    [InlineData("process web (nice 50x) {\n  a = malloc 4K\n}\nat 1ms { kill web }\nexpect web alive")]
    [InlineData("file \"f\" size 8Q\nprocess p { m = mmap file \"f\"; read m[..4K] }")]
    [InlineData("shm \"k\" size\nprocess p { m = shmat \"k\"; touch m }")]
    public void BadHeader_StillDeclaresItsName_SoOneMistakeIsOneError(string text)
    {
        var single = Assert.Single(Check(text));
        Assert.Equal(1, single.Location.Line);
    }
}
