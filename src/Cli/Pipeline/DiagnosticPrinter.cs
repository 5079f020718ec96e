using MemScript.Dsl.Diagnostics;

namespace MemScript.Cli.Pipeline;

/// <summary>Writes diagnostics as compilers do, <c>path:line:col: error MEMSnnnn: message</c>, sorted by position.</summary>
public static class DiagnosticPrinter
{
    public static IReadOnlyList<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics)
    {
        var list = new List<Diagnostic>(diagnostics);
        list.Sort(static (a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Location.Path, b.Location.Path);
            if (byPath != 0)
                return byPath;
            var byLine = a.Location.Line.CompareTo(b.Location.Line);
            if (byLine != 0)
                return byLine;
            var byColumn = a.Location.Column.CompareTo(b.Location.Column);
            return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Id, b.Id);
        });
        return list;
    }

    public static void Write(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in Sorted(diagnostics))
            writer.WriteLine(diagnostic.ToString());
    }

    public static bool HasErrors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error);
}
