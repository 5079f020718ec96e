using System.Globalization;
using System.Text;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/PID/maps lines, as the kernel prints them (fs/proc/task_mmu.c,
/// show_vma_header_prefix + show_map_vma):
/// <c>%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu </c>, then, only when the
/// mapping has a name, <c>seq_pad(m, ' ')</c>: spaces up to the width set by
/// <c>seq_setwidth(m, 25 + sizeof(void *) * 6 - 1)</c> (72 on 64-bit), one
/// more space, and the name, which therefore starts at column 74. A mapping
/// without a name keeps the single trailing space after the inode, as the
/// kernel leaves it.
/// </summary>
internal static class MapsFormatter
{
    /// <summary>The pad width of the header on a 64-bit kernel: 25 + 8 * 6 - 1.</summary>
    public const int PadWidth = 25 + 8 * 6 - 1;

    public static IReadOnlyList<string> Format(IReadOnlyList<MemScript.Runtime.Mm.VmaInfo> vmas)
    {
        var lines = new string[vmas.Count];
        for (int i = 0; i < vmas.Count; i++)
            lines[i] = FormatLine(vmas[i]);
        return lines;
    }

    /// <summary>One maps line for <paramref name="vma"/>.</summary>
    public static string FormatLine(MemScript.Runtime.Mm.VmaInfo vma)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(96);
        sb.Append(vma.Start.ToString("x8", ci)).Append('-').Append(vma.End.ToString("x8", ci)).Append(' ');
        sb.Append(Perms(vma.Perms)).Append(' ');
        sb.Append(vma.Offset.ToString("x8", ci)).Append(' ');
        sb.Append(string.IsNullOrEmpty(vma.Device) ? "00:00" : vma.Device).Append(' ');
        sb.Append(vma.Inode.ToString(ci)).Append(' ');
        if (!string.IsNullOrEmpty(vma.Path))
        {
            if (sb.Length < PadWidth)
                sb.Append(' ', PadWidth - sb.Length);
            sb.Append(' ').Append(vma.Path);
        }
        return sb.ToString();
    }

    /// <summary>The four permission characters (<c>r-xp</c>); a short or missing value is filled with '-' and 'p'.</summary>
    private static string Perms(string? perms)
    {
        var p = perms ?? "";
        return p.Length >= 4 ? p[..4] : p.PadRight(3, '-')[..3] + "p";
    }
}
