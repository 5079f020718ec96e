using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// free(1) from procps 4, in KiB (its default): the header, then
/// <c>printf("%-9s%11s %11s ...")</c> rows for Mem: (total used free shared
/// buff/cache available) and Swap: (total used free).
/// total = MemTotal, free = MemFree, shared = Shmem,
/// buff/cache = Buffers + Cached + SReclaimable,
/// used = total - free - buff/cache (total - free if that is negative),
/// available = MemAvailable; swap used = SwapTotal - SwapFree.
/// </summary>
internal static class FreeFormatter
{
    public const string Header = "               total        used        free      shared  buff/cache   available";

    public static IReadOnlyList<string> Format(Func<MeminfoField, long> bytes)
    {
        long total = Kb(bytes, MeminfoField.MemTotal);
        long free = Kb(bytes, MeminfoField.MemFree);
        long buffCache = Kb(bytes, MeminfoField.Buffers) + Kb(bytes, MeminfoField.Cached) + Kb(bytes, MeminfoField.SReclaimable);
        long used = total - free - buffCache;
        if (used < 0)
            used = total - free;
        long swapTotal = Kb(bytes, MeminfoField.SwapTotal);
        long swapFree = Kb(bytes, MeminfoField.SwapFree);
        return
        [
            Header,
            Row("Mem:", total, used, free, Kb(bytes, MeminfoField.Shmem), buffCache, Kb(bytes, MeminfoField.MemAvailable)),
            Row("Swap:", swapTotal, swapTotal - swapFree, swapFree),
        ];
    }

    private static long Kb(Func<MeminfoField, long> bytes, MeminfoField field) => bytes(field) / 1024;

    private static string Row(string label, params long[] values)
    {
        var line = label.PadRight(9);
        for (int i = 0; i < values.Length; i++)
            line += (i == 0 ? "" : " ") + values[i].ToString(CultureInfo.InvariantCulture).PadLeft(11);
        return line;
    }
}
