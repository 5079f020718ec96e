namespace MemScript.Runtime.Reporting;

/// <summary>The report formats of <c>memscript run --format</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Html,
    Md,
}
