using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/meminfo lines as fs/proc/meminfo.c's show_val_kb() prints them: the
/// label with its colon padded to 16 columns (the kernel writes the padding
/// into its string literals), the value in kB right-aligned to 8, then
/// <c>" kB"</c>. One line per <see cref="MeminfoField"/>, in enum order,
/// which is the kernel's order (HighTotal, HighFree, LowTotal and LowFree
/// only on a 32-bit machine, CONFIG_HIGHMEM); <c>Active_anon</c> prints as
/// <c>Active(anon)</c> and so on.
/// </summary>
internal static class MeminfoFormatter
{
    public static IReadOnlyList<string> Format(Func<MeminfoField, long> bytes, bool highmem = false)
    {
        var fields = Enum.GetValues<MeminfoField>();
        var lines = new List<string>(fields.Length);
        foreach (var field in fields)
        {
            if (IsHighmem(field) && !highmem)
                continue;
            lines.Add(IsCount(field)
                ? (KernelName(field) + ":").PadRight(16) + bytes(field).ToString(CultureInfo.InvariantCulture).PadLeft(8)
                : FormatLine(KernelName(field), bytes(field) / 1024));
        }
        return lines;
    }

    /// <summary>The lines fs/proc/meminfo.c prints only under CONFIG_HIGHMEM (a 32-bit kernel): HighTotal, HighFree, LowTotal, LowFree.</summary>
    public static bool IsHighmem(MeminfoField field) =>
        field is MeminfoField.HighTotal or MeminfoField.HighFree or MeminfoField.LowTotal or MeminfoField.LowFree;

    /// <summary>One line, <c>MemTotal:          65536 kB</c>, from a label and a value in kB.</summary>
    public static string FormatLine(string name, long kb) =>
        (name + ":").PadRight(16) + kb.ToString(CultureInfo.InvariantCulture).PadLeft(8) + " kB";

    /// <summary>hugetlb_report_meminfo's counts: <c>HugePages_Total:       4</c>, no unit.</summary>
    public static bool IsCount(MeminfoField field) =>
        field is MeminfoField.HugePages_Total or MeminfoField.HugePages_Free or MeminfoField.HugePages_Rsvd or MeminfoField.HugePages_Surp;

    /// <summary>The label /proc/meminfo uses for <paramref name="field"/>.</summary>
    public static string KernelName(MeminfoField field) => field switch
    {
        MeminfoField.Active_anon => "Active(anon)",
        MeminfoField.Inactive_anon => "Inactive(anon)",
        MeminfoField.Active_file => "Active(file)",
        MeminfoField.Inactive_file => "Inactive(file)",
        _ => field.ToString(),
    };
}
