using MemScript.Compiler;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Tests.Dsl;

/// <summary>Runs the front end's checker on a text and gives its diagnostics.</summary>
internal static class FrontendHelper
{
    public static IReadOnlyList<Diagnostic> Check(string text, params string[] overrides) =>
        Frontend.Check(new CompileRequest("t.mems", text, overrides));

    public static IReadOnlyList<Diagnostic> Errors(string text, params string[] overrides) =>
        Check(text, overrides).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public static void AssertClean(string text)
    {
        var diagnostics = Check(text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    /// <summary>Asserts exactly one diagnostic, with this id, at this line and column.</summary>
    public static Diagnostic AssertSingle(string text, string id, int line, int column, params string[] overrides)
    {
        var diagnostics = Check(text, overrides);
        var single = Assert.Single(diagnostics);
        Assert.Equal((id, line, column), (single.Id, single.Location.Line, single.Location.Column));
        return single;
    }
}
