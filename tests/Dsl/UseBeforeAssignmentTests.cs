using MemScript.Dsl.Diagnostics;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>A region name used before any assignment to it could have run warns (MEMS1033) at the use.</summary>
public class UseBeforeAssignmentTests
{
    [Theory]
    [InlineData("process p {\n  touch a\n  a = malloc 4K\n}", 2, 9)]
    [InlineData("process p {\n  read a[..1K]\n  a = malloc 4K\n}", 2, 8)]
    [InlineData("process p {\n  munmap a\n  a = mmap 8K\n}", 2, 10)]
    [InlineData("process p {\n  repeat 3 {\n    touch b\n    b = malloc 4K\n  }\n}", 3, 11)]
    [InlineData("process p {\n  fork c {\n    touch a\n  }\n  a = malloc 4K\n}", 3, 11)]
    [InlineData("process p {\n  fork c {\n    touch b\n    b = malloc 4K\n  }\n}", 3, 11)]
    [InlineData("process p {\n  touch heap\n  heap = malloc 4K\n}", 2, 9)]
    public void UseBeforeAssignment_Warns_AtTheUse(string text, int line, int column)
    {
        var warnings = Check(text).Where(d => d.Id == "MEMS1033").ToList();

        var warning = Assert.Single(warnings);
        Assert.Equal((line, column, DiagnosticSeverity.Warning), (warning.Location.Line, warning.Location.Column, warning.Severity));
        Assert.EndsWith("is used before it is assigned: it holds a null region here, and an access to it is an invalid access", warning.Message);
    }

    [Theory]
    [InlineData("process p {\n  a = malloc 4K\n  touch a\n}")]
    [InlineData("process p {\n  repeat 3 {\n    b = malloc 4K\n    touch b\n  }\n  touch b\n}")]
    [InlineData("process p {\n  repeat 2 {\n    b = malloc 4K\n  }\n  free b\n}")]
    [InlineData("process p {\n  a = malloc 4K\n  fork c {\n    touch a\n  }\n}")]
    [InlineData("process p {\n  free a\n  a = realloc a 8K\n  touch a\n}")]
    [InlineData("process p {\n  touch heap\n  touch stack[..4K]\n}")]
    public void AssignedOrNullTolerant_DoesNotWarn(string text)
    {
        AssertClean(text);
    }

    [Fact]
    public void ChildAssignment_DoesNotCountInTheParent()
    {
        var text = "process p {\n  fork c {\n    a = malloc 4K\n  }\n  touch a\n  a = malloc 4K\n}";

        var warning = Assert.Single(Check(text));
        Assert.Equal(("MEMS1033", 5, 9), (warning.Id, warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void RepeatedUse_WarnsOnce()
    {
        var text = "process p {\n  touch a\n  read a\n  a = malloc 4K\n}";

        Assert.Single(Check(text), d => d.Id == "MEMS1033");
    }
}
