namespace MemScript.Runtime.Reporting.Proc;

/// <summary>/proc/meminfo lines in the kernel's order and format ("MemTotal:          65536 kB").</summary>
internal static class MeminfoFormatter
{
    public static IReadOnlyList<string> Format(Func<MeminfoField, long> bytes) => throw new NotImplementedException();
}
