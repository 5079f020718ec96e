using MemScript.Runtime.Reporting.Html;
using MemScript.Runtime.Reporting.Json;
using MemScript.Runtime.Reporting.Markdown;
using MemScript.Runtime.Reporting.Text;

namespace MemScript.Runtime.Reporting;

/// <summary>
/// Turns a <see cref="SimulationResult"/> into text in one of the report
/// formats. Byte-for-byte deterministic: LF line endings, invariant culture,
/// no clock, output ending with exactly one newline. Each format has its own
/// writer (Text, Json, Markdown, Html) sharing the wordings of
/// <see cref="ReportText"/>; docs/report-format.md describes them.
/// </summary>
public static class ReportRenderer
{
    public static string Render(SimulationResult result, ReportFormat format) => Render(result, format, null);

    /// <summary>
    /// The report, with the scenario's <paramref name="source"/> text when known:
    /// the HTML report shows it beside the timeline, each row linked to its line.
    /// </summary>
    public static string Render(SimulationResult result, ReportFormat format, string? source) => format switch
    {
        ReportFormat.Text => TextReportWriter.Write(result),
        ReportFormat.Json => JsonReportWriter.Write(result),
        ReportFormat.Md => MarkdownReportWriter.Write(result),
        ReportFormat.Html => HtmlReportWriter.Write(result, source),
        _ => TextReportWriter.Write(result),
    };

    /// <summary>
    /// The report for a file named <paramref name="reportFileName"/> and the
    /// files to write beside it: for Markdown, each chart as an SVG file
    /// (<c>NAME.chart-memory.svg</c>, ...), which the report links as images.
    /// Other formats need no file beside them.
    /// </summary>
    public static (string Report, IReadOnlyList<KeyValuePair<string, string>> Files) RenderForFile(
        SimulationResult result, ReportFormat format, string? source, string reportFileName)
    {
        if (format != ReportFormat.Md)
            return (Render(result, format, source), []);
        var stem = Path.GetFileNameWithoutExtension(reportFileName);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<KeyValuePair<string, string>>();
        foreach (var chart in Charts.ReportCharts.For(result))
        {
            var name = stem + "." + chart.Id + ".svg";
            names[chart.Id] = name;
            files.Add(new(name, chart.StandaloneSvg + "\n"));
        }
        return (MarkdownReportWriter.Write(result, names), files);
    }
}
