using System.Globalization;
using System.Text;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/buddyinfo as mm/vmstat.c frag_show_print writes it, one line per
/// populated zone: <c>"Node %d, zone %8s "</c>, then <c>"%6lu "</c> for the
/// free blocks of each order 0..MAX_PAGE_ORDER (10; 11 with 16K pages, 13 with 64K), then a newline (so the line ends with a
/// space, as the kernel's does).
/// </summary>
internal static class BuddyinfoFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<(string Zone, long[] Blocks)> zones, IReadOnlyList<int>? nodes = null)
    {
        var lines = new List<string>();
        for (var i = 0; i < zones.Count; i++)
        {
            lines.Add(Line(nodes?[i] ?? 0, zones[i].Zone, zones[i].Blocks));
        }

        return lines;
    }

    /// <summary>One zone's line.</summary>
    public static string Line(int node, string zone, IReadOnlyList<long> freeBlocks)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Node {node}, zone {zone,8} ");
        foreach (var blocks in freeBlocks)
        {
            line.Append(CultureInfo.InvariantCulture, $"{blocks,6} ");
        }

        return line.ToString();
    }
}
