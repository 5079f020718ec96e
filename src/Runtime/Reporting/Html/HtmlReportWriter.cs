namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// The HTML report: one self-contained page (inline CSS and SVG, no script,
/// no external resource), rendered from a typed view model
/// (<see cref="HtmlViewBuilder"/>) through the embedded Handlebars templates
/// (<see cref="ReportTemplates"/>). Deterministic bytes: LF newlines, stable
/// ids, attributes in alphabetical order, no clock; blank lines the template
/// leaves are collapsed, and the page ends with one newline.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Write(SimulationResult r, string? source = null)
    {
        var html = ReportTemplates.Render(HtmlViewBuilder.Build(r, source, ReportTemplates.Css));
        var sb = new System.Text.StringBuilder(html.Length);
        var inPre = false;
        foreach (var line in html.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0 || inPre)
                sb.Append(line).Append('\n');
            var open = line.LastIndexOf("<pre", StringComparison.Ordinal);
            var close = line.LastIndexOf("</pre>", StringComparison.Ordinal);
            if (open >= 0 || close >= 0)
                inPre = open > close;
        }
        return sb.ToString();
    }
}
