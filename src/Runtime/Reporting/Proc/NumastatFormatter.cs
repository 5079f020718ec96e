using System.Globalization;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// The <c>numastat</c> report: for each node, the file
/// /sys/devices/system/node/nodeN/numastat as drivers/base/node.c
/// numastat_show writes it (one <c>name value</c> line per counter:
/// numa_hit, numa_miss, numa_foreign, interleave_hit, local_node,
/// other_node), then /sys/devices/system/node/nodeN/meminfo as
/// node_read_meminfo writes the lines the model keeps
/// (<c>Node N MemTotal:       %8lu kB</c>), each block under its path.
/// </summary>
internal static class NumastatFormatter
{
    private static readonly string[] MeminfoNames =
        ["MemTotal", "MemFree", "MemUsed", "Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
         "Unevictable", "Mlocked", "Dirty", "FilePages", "Mapped", "AnonPages", "Shmem", "PageTables"];

    public static IReadOnlyList<string> Format(Kernel kernel)
    {
        var lines = new List<string>();
        var kb = (long)kernel.Machine.PageSize / 1024;
        for (var node = 0; node < kernel.NodeCount; node++)
        {
            var n = node.ToString(CultureInfo.InvariantCulture);
            lines.Add($"/sys/devices/system/node/node{n}/numastat");
            for (var item = 0; item < FrameTable.NumaStatNames.Length; item++)
            {
                lines.Add(FrameTable.NumaStatNames[item] + " " + kernel.NumaStat(node, item).ToString(CultureInfo.InvariantCulture));
            }

            // NodeMeminfo: MemTotal, MemFree, the LRU lists in LruList order, Mlocked, Dirty, FilePages, Mapped, AnonPages, Shmem, PageTables.
            var c = kernel.NodeMeminfo(node);
            long[] values =
                [c[0], c[1], c[0] - c[1], c[3] + c[5], c[2] + c[4], c[3], c[2], c[5], c[4], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13]];
            lines.Add($"/sys/devices/system/node/node{n}/meminfo");
            for (var i = 0; i < MeminfoNames.Length; i++)
            {
                lines.Add("Node " + n + " " + MeminfoFormatter.FormatLine(MeminfoNames[i], values[i] * kb));
            }
        }

        return lines;
    }
}
