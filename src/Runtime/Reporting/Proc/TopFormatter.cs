namespace MemScript.Runtime.Reporting.Proc;

/// <summary>top's process table: PID USER PR NI VIRT RES SHR S %MEM COMMAND, sizes in KiB.</summary>
internal static class TopFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<TopRow> rows, ulong memTotalBytes) => throw new NotImplementedException();
}
