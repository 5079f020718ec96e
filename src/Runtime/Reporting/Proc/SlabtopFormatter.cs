using System.Globalization;
using MemScript.Runtime.Mm.Slab;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// <c>slabtop --once</c> (procps-ng 4.0, src/slabtop.c and library/slabinfo.c):
/// five summary lines <c>" %-35s: %u / %u (%.1f%%)"</c> (sizes
/// <c>%.2fK</c>), a blank line, the heading padded to 78 columns, then one
/// row per cache <c>"%6u %6u %3u%% %7.2fK %6u %8u %9luK %-23s"</c>, sorted by
/// number of objects, largest first (the default, <c>-s o</c>; slabtop's
/// qsort leaves ties in no set order, here they keep /proc/slabinfo's).
/// USE is (unsigned)(100 * (float)active / objs); CACHE SIZE is slabs *
/// pages per slab * page size; a summary percentage over zero prints as
/// the C library prints 0/0, <c>-nan</c>.
/// </summary>
internal static class SlabtopFormatter
{
    public const string Heading = "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME";
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Format(IReadOnlyList<SlabInfoRow> rows, int pageSize)
    {
        long objs = 0, active = 0, slabs = 0, activeSize = 0, totalSize = 0;
        int caches = rows.Count, activeCaches = 0, min = int.MaxValue, max = 0;
        foreach (var r in rows)
        {
            objs += r.NumObjs;
            active += r.ActiveObjs;
            slabs += r.Slabs;
            activeSize += r.ActiveObjs * r.ObjSize;
            totalSize += r.NumObjs * r.ObjSize;
            min = Math.Min(min, r.ObjSize);
            max = Math.Max(max, r.ObjSize);
            if (r.NumObjs > 0)
            {
                activeCaches++;
            }
        }

        var avg = objs > 0 ? totalSize / objs : 0;
        var lines = new List<string>
        {
            Summary("Active / Total Objects (% used)", string.Create(Ci, $"{active} / {objs} ({Percent(active, objs)})")),
            Summary("Active / Total Slabs (% used)", string.Create(Ci, $"{slabs} / {slabs} ({Percent(slabs, slabs)})")),
            Summary("Active / Total Caches (% used)", string.Create(Ci, $"{activeCaches} / {caches} ({Percent(activeCaches, caches)})")),
            Summary("Active / Total Size (% used)", $"{K(activeSize)} / {K(totalSize)} ({Percent(activeSize, totalSize)})"),
            Summary("Minimum / Average / Maximum Object", $"{K(min)} / {K(avg)} / {K(max)}"),
            "",
            Heading.PadRight(78),
        };
        var order = new List<SlabInfoRow>(rows);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            index[rows[i].Name] = i;
        }

        order.Sort((a, b) => a.NumObjs != b.NumObjs ? b.NumObjs.CompareTo(a.NumObjs) : index[a.Name].CompareTo(index[b.Name]));
        foreach (var r in order)
        {
            var use = r.NumObjs > 0 ? (uint)(100 * ((float)r.ActiveObjs / r.NumObjs)) : 0;
            var size = r.Slabs * r.PagesPerSlab * pageSize / 1024;
            lines.Add(N(r.NumObjs, 6) + " " + N(r.ActiveObjs, 6) + " " + N(use, 3) + "% "
                + (r.ObjSize / 1024.0).ToString("F2", Ci).PadLeft(7) + "K " + N(r.Slabs, 6) + " " + N(r.ObjPerSlab, 8) + " "
                + N(size, 9) + "K " + r.Name.PadRight(23));
        }

        return lines;
    }

    private static string Summary(string label, string value) => string.Create(Ci, $" {label.PadRight(35)}: {value}");

    private static string K(long bytes) => (bytes / 1024.0).ToString("F2", Ci) + "K";

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-nan%" : (100.0 * part / whole).ToString("F1", Ci) + "%";

    private static string N(long value, int width) => value.ToString(Ci).PadLeft(width);
}
