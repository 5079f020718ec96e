using System.Globalization;
using MemScript.Runtime.Mm.Slab;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/slabinfo as mm/slab_common.c prints it: print_slabinfo_header's two
/// lines, then cache_show's
/// <c>"%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu"</c>
/// per cache (SLUB: tunables and sharedavail 0, active_slabs = num_slabs),
/// in the order the kernel lists its caches; caches with no object print too.
/// </summary>
internal static class SlabinfoFormatter
{
    public const string Version = "slabinfo - version: 2.1";
    public const string Header = "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>";

    public static IReadOnlyList<string> Format(IReadOnlyList<SlabInfoRow> rows)
    {
        var lines = new List<string>(rows.Count + 2) { Version, Header };
        foreach (var r in rows)
        {
            lines.Add(r.Name.PadRight(17) + " " + N(r.ActiveObjs, 6) + " " + N(r.NumObjs, 6) + " " + N(r.ObjSize, 6) + " "
                + N(r.ObjPerSlab, 4) + " " + N(r.PagesPerSlab, 4) + " : tunables " + N(0, 4) + " " + N(0, 4) + " " + N(0, 4)
                + " : slabdata " + N(r.Slabs, 6) + " " + N(r.Slabs, 6) + " " + N(0, 6));
        }

        return lines;
    }

    private static string N(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width);
}
