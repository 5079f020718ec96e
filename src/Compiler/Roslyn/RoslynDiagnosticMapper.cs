using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using MemScript.Dsl.Diagnostics;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Blames Roslyn's errors on the right party. The generated C# carries
/// <c>#line N "file.mems"</c> before the code of each statement and
/// <c>#line hidden</c> around scaffolding, so a location has two views:
/// <c>GetLineSpan()</c> (the generated file) and <c>GetMappedLineSpan()</c>
/// (after <c>#line</c>). An error on a visible, mapped line is the scenario's
/// (MEMS2001 at the .mems line and, under an enhanced <c>#line (L, C) - ...</c>,
/// the statement's column); one in hidden or unmapped code is
/// MemScript's (MEMS9001 naming the generated line). Warnings are dropped:
/// generated code is not the user's to tidy.
/// </summary>
internal static class RoslynDiagnosticMapper
{
    public static IReadOnlyList<Dsl.Diagnostics.Diagnostic> Map(IEnumerable<RoslynDiagnostic> diagnostics, string memsPath)
    {
        var mapped = new List<Dsl.Diagnostics.Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity != RoslynSeverity.Error)
                continue;
            mapped.Add(MapOne(diagnostic, memsPath));
        }

        mapped.Sort(CompareByPosition);
        return mapped;
    }

    private static Dsl.Diagnostics.Diagnostic MapOne(RoslynDiagnostic diagnostic, string memsPath)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        var location = diagnostic.Location;
        if (!location.IsInSource || location.SourceTree is null)
            return CompilerErrors.Scaffolding(memsPath, 0, diagnostic.Id, message);

        var generatedLine = location.GetLineSpan().StartLinePosition.Line + 1;
        var visibility = location.SourceTree.GetLineVisibility(location.SourceSpan.Start);
        var mappedSpan = location.GetMappedLineSpan();
        if (visibility != LineVisibility.Visible || !mappedSpan.HasMappedPath)
            return CompilerErrors.Scaffolding(memsPath, generatedLine, diagnostic.Id, message);

        var start = StatementStart(location) ?? mappedSpan.StartLinePosition;
        var end = mappedSpan.EndLinePosition;
        var length = start.Line == end.Line ? Math.Max(0, end.Character - start.Character) : 0;
        var at = new SourceLocation(memsPath, start.Line + 1, start.Character + 1, length);
        return CompilerErrors.GeneratedCode(at, diagnostic.Id, message);
    }

    /// <summary>
    /// Under an enhanced <c>#line (L, C) - (L2, C2) OFFSET</c> the whole
    /// generated line stands for one statement: its start (L, C) is where
    /// the error is, whatever column inside the generated code Roslyn saw.
    /// </summary>
    private static LinePosition? StatementStart(Location location)
    {
        var at = location.GetLineSpan().StartLinePosition;
        foreach (var mapping in location.SourceTree!.GetLineMappings())
        {
            if (!mapping.IsHidden && mapping.CharacterOffset is not null
                && mapping.Span.Start.Line <= at.Line && at.Line <= mapping.Span.End.Line)
                return mapping.MappedSpan.StartLinePosition;
        }

        return null;
    }

    private static int CompareByPosition(Dsl.Diagnostics.Diagnostic a, Dsl.Diagnostics.Diagnostic b)
    {
        var byLine = a.Location.Line.CompareTo(b.Location.Line);
        if (byLine != 0)
            return byLine;
        var byColumn = a.Location.Column.CompareTo(b.Location.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Id, b.Id);
    }
}
