using System.Globalization;
using System.Text;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/buddyinfo as mm/vmstat.c frag_show_print writes it:
/// <c>"Node %d, zone %8s "</c>, then <c>"%6lu "</c> for the free blocks of
/// each order 0..10, then a newline (so the line ends with a space, as the
/// kernel's does). The model has one node and one zone, printed as Normal;
/// a real x86-64 machine also shows DMA and DMA32 lines.
/// </summary>
internal static class BuddyinfoFormatter
{
    public const string ZoneName = "Normal";

    public static IReadOnlyList<string> Format(IReadOnlyList<long> freeBlocks)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Node {0}, zone {ZoneName,8} ");
        foreach (var blocks in freeBlocks)
        {
            line.Append(CultureInfo.InvariantCulture, $"{blocks,6} ");
        }

        return [line.ToString()];
    }
}
