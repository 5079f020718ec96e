using MemScript.Cli.Diagnostics;
using MemScript.Cli.Io;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// Writes diagnostics as compilers do, sorted by position: the line
/// <c>path:line:col: error MEMSnnnn: message</c>, then the source line with
/// carets and the code's documentation link (<see cref="DiagnosticRenderer"/>),
/// in colour when <paramref name="colour"/> says so.
/// </summary>
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

    public static void Write(TextWriter writer, IEnumerable<Diagnostic> diagnostics, SourceText? source = null, bool colour = false)
    {
        var style = colour ? TerminalStyle.Ansi : TerminalStyle.Plain;
        foreach (var diagnostic in Sorted(diagnostics))
        {
            foreach (var line in DiagnosticRenderer.Lines(diagnostic, source, style))
            {
                // The escapes of the style are the only controls in a line: input text in it is already escaped.
                if (colour && writer is OneLineWriter oneLine)
                    oneLine.WriteLineAsIs(line);
                else
                    writer.WriteLine(line);
            }
        }
    }

    /// <summary>The diagnostics as <see cref="Write"/> prints them without colour, each line ending in LF.</summary>
    public static string Render(IEnumerable<Diagnostic> diagnostics, SourceText? source)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var diagnostic in Sorted(diagnostics))
        {
            foreach (var line in DiagnosticRenderer.Lines(diagnostic, source, TerminalStyle.Plain))
                builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    public static bool HasErrors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error);
}
