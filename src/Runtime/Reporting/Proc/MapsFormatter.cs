namespace MemScript.Runtime.Reporting.Proc;

/// <summary>/proc/PID/maps lines, as the kernel prints them (address width 12 hex digits, path column aligned at 73).</summary>
internal static class MapsFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<MemScript.Runtime.Mm.VmaInfo> vmas) => throw new NotImplementedException();
}
