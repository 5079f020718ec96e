using System.Globalization;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Diagnostics;

/// <summary>
/// A diagnostic as a modern compiler shows it: the one line tools parse,
/// <c>path:line:col: error MEMSnnnn: message</c> (the same bytes as
/// <see cref="Diagnostic.ToString"/>), then, when the source is at hand and
/// the position is in it, the source line with carets under the span, and
/// last the documentation link of the code:
/// <code>
/// t.mems:3:3: error MEMS1003: unknown machine setting 'swapiness'; did you mean 'swappiness'?
///   |
/// 3 |   swapiness 60
///   |   ^^^^^^^^^
///   = help: MEMS1003 is explained in docs/diagnostics.md#mems1xxx
/// </code>
/// The lines after the first start with a space or with the line number and
/// <c>|</c>, never with <c>path:</c>, so a tool reading
/// <c>path:line:col:</c> lines skips them. Internal errors (MEMS9xxx) point
/// at generated code or at nothing in particular: they get the link only.
/// Colour (<see cref="TerminalStyle"/>) touches the severity, the gutter and
/// the carets, never the text.
/// </summary>
internal static class DiagnosticRenderer
{
    public static IReadOnlyList<string> Lines(Diagnostic diagnostic, SourceText? source, TerminalStyle style)
    {
        var lines = new List<string> { Header(diagnostic, style) };
        var location = diagnostic.Location;
        string? gutter = null;
        if (source is not null && location.Path == source.Path && !diagnostic.Id.StartsWith("MEMS9", StringComparison.Ordinal)
            && source.GetLineText(location.Line) is { } lineText)
        {
            var number = location.Line.ToString(CultureInfo.InvariantCulture);
            gutter = new string(' ', number.Length + 1);
            var (code, carets) = SourceSnippet.Render(lineText, location.Column, location.Length);
            lines.Add($"{style.Gutter}{gutter}|{style.Reset}");
            lines.Add($"{style.Gutter}{number} |{style.Reset} {code}");
            lines.Add($"{style.Gutter}{gutter}|{style.Reset} {style.Caret}{carets}{style.Reset}");
        }

        if (DocumentationLink.For(diagnostic.Id) is { } link)
            lines.Add($"{gutter ?? " "}{style.Bold}= help:{style.Reset} {link}");
        return lines;
    }

    private static string Header(Diagnostic diagnostic, TerminalStyle style)
    {
        var plain = diagnostic.ToString();
        if (style.IsPlain)
            return plain;
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var colour = diagnostic.Severity == DiagnosticSeverity.Error ? style.Error : style.Warning;
        var marker = $": {severity} {diagnostic.Id}: ";
        var at = plain.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return plain;
        return $"{style.Bold}{plain[..at]}{style.Reset}: {colour}{severity} {diagnostic.Id}{style.Reset}: {style.Bold}{plain[(at + marker.Length)..]}{style.Reset}";
    }
}
