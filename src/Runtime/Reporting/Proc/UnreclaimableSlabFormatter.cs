using System.Globalization;
using MemScript.Runtime.Mm.Slab;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// The OOM report's block from mm/slab_common.c dump_unreclaimable_slab:
/// <c>Unreclaimable slab info:</c>, the <c>Name ... Used ... Total</c>
/// heading, then <c>"%-17s %10luKB %10luKB"</c> (active_objs * size / 1024,
/// num_objs * size / 1024) for each cache without SLAB_RECLAIM_ACCOUNT that
/// has objects. dump_header prints it after show_mem, before the task table,
/// when should_dump_unreclaim_slab() holds: unreclaimable slab pages outnumber
/// the pages on the LRU lists (<see cref="Mm.Kernel.SlabOutweighsLru"/>).
/// </summary>
internal static class UnreclaimableSlabFormatter
{
    public const string Title = "Unreclaimable slab info:";
    public const string Heading = "Name                      Used          Total";

    public static IReadOnlyList<string> Format(IReadOnlyList<SlabInfoRow> rows)
    {
        var lines = new List<string> { Title, Heading };
        foreach (var r in rows)
        {
            if (r.Reclaimable || r.NumObjs == 0)
            {
                continue;
            }

            lines.Add(r.Name.PadRight(17) + " " + N(r.ActiveObjs * r.ObjSize / 1024) + "KB " + N(r.NumObjs * r.ObjSize / 1024) + "KB");
        }

        return lines;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(10);
}
