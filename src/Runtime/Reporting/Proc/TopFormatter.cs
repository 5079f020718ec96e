using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// top's process table with its default memory columns:
/// <c>    PID USER      PR  NI    VIRT    RES    SHR S  %MEM COMMAND</c>.
/// Widths as top prints them: PID 7, USER 8 (left; a longer name is cut to 7
/// and marked with '+'), PR 3, NI 3, VIRT 7, RES 6, SHR 6 in KiB, S 1, %MEM 5 with
/// one decimal (RES / MemTotal * 100), then COMMAND. PR = 20 + nice. A size
/// too wide for its column is scaled as top does, to the first of m, g, t
/// that fits, with one decimal (<c>12.5g</c>).
/// </summary>
internal static class TopFormatter
{
    public const string Header = "    PID USER      PR  NI    VIRT    RES    SHR S  %MEM COMMAND";

    public static IReadOnlyList<string> Format(IReadOnlyList<TopRow> rows, ulong memTotalBytes)
    {
        var lines = new string[rows.Count + 1];
        lines[0] = Header;
        for (int i = 0; i < rows.Count; i++)
            lines[i + 1] = FormatRow(rows[i], memTotalBytes);
        return lines;
    }

    public static string FormatRow(TopRow row, ulong memTotalBytes)
    {
        var ci = CultureInfo.InvariantCulture;
        double mem = memTotalBytes == 0 ? 0 : (double)row.Res * 100.0 / memTotalBytes;
        return row.Pid.ToString(ci).PadLeft(7)
            + " " + User(row.User)
            + " " + (20 + row.Nice).ToString(ci).PadLeft(3)
            + " " + row.Nice.ToString(ci).PadLeft(3)
            + " " + Size(row.Virt, 7)
            + " " + Size(row.Res, 6)
            + " " + Size(row.Shr, 6)
            + " " + row.State
            + " " + mem.ToString("0.0", ci).PadLeft(5)
            + " " + row.Command;
    }

    private static string User(string user) =>
        user.Length > 8 ? user[..7] + "+" : user.PadRight(8);

    /// <summary>A size in bytes as a KiB figure <paramref name="width"/> columns wide, scaled when it does not fit.</summary>
    public static string Size(ulong bytes, int width)
    {
        var ci = CultureInfo.InvariantCulture;
        ulong kib = bytes / 1024;
        var plain = kib.ToString(ci);
        if (plain.Length <= width)
            return plain.PadLeft(width);
        double value = kib;
        foreach (var suffix in "mgtpe")
        {
            value /= 1024.0;
            var scaled = value.ToString("0.0", ci) + suffix;
            if (scaled.Length <= width)
                return scaled.PadLeft(width);
        }
        return plain;
    }
}
