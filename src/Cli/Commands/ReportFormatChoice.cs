using MemScript.Runtime.Reporting;

namespace MemScript.Cli.Commands;

/// <summary>
/// Which report format <c>memscript run</c> writes: <c>--format</c> when
/// given; else, with <c>-o FILE</c>, the file's extension (<c>.txt</c>,
/// <c>.json</c>, <c>.html</c>/<c>.htm</c>, <c>.md</c>/<c>.markdown</c>, any
/// case); else text (standard output, <c>-o -</c> included). An extension
/// that names no format (or none at all) without <c>--format</c> is a usage
/// error, not a guess: a text report in <c>report.xml</c> would mislead.
/// </summary>
internal static class ReportFormatChoice
{
    public const string StandardOutput = "-";

    public static readonly string[] Names = ["text", "json", "html", "md"];

    /// <summary>The format, or null and the message for the user.</summary>
    public static (ReportFormat? Format, string? Error) Choose(string? formatOption, string? outPath)
    {
        if (formatOption is not null)
            return (FromName(formatOption), null);
        if (outPath is null || outPath == StandardOutput)
            return (ReportFormat.Text, null);

        var extension = Path.GetExtension(outPath).ToLowerInvariant();
        ReportFormat? format = extension switch
        {
            ".txt" or ".text" => ReportFormat.Text,
            ".json" => ReportFormat.Json,
            ".html" or ".htm" => ReportFormat.Html,
            ".md" or ".markdown" => ReportFormat.Md,
            _ => null,
        };
        if (format is not null)
            return (format, null);

        var what = extension.Length == 0 ? "has no extension" : $"has the extension '{extension}'";
        return (null, $"cannot tell the report format from '{outPath}': it {what}, and only .txt, .json, .html and .md name one; give --format text|json|html|md");
    }

    private static ReportFormat FromName(string name) => name switch
    {
        "json" => ReportFormat.Json,
        "html" => ReportFormat.Html,
        "md" => ReportFormat.Md,
        _ => ReportFormat.Text,
    };
}
