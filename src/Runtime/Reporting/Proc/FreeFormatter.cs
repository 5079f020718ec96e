namespace MemScript.Runtime.Reporting.Proc;

/// <summary>free(1) in KiB: the Mem: and Swap: lines under total used free shared buff/cache available.</summary>
internal static class FreeFormatter
{
    public static IReadOnlyList<string> Format(Func<MeminfoField, long> bytes) => throw new NotImplementedException();
}
