namespace MemScript.Runtime.Reporting;

/// <summary>Turns a <see cref="SimulationResult"/> into text in one of the report formats. Byte-for-byte deterministic.</summary>
public static class ReportRenderer
{
    public static string Render(SimulationResult result, ReportFormat format) => throw new NotImplementedException();
}
