using MemScript.Dsl.Text;
using Setting = MemScript.Dsl.Syntax.MachineSettingSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The translation settings: the TLBs' default ways (4 for the L1 <c>tlb</c>,
/// 12 for the <c>stlb</c>, never more than the entries), <c>thp</c> with its
/// <c>defrag</c> and <c>khugepaged</c> words (/sys/kernel/mm/transparent_hugepage/),
/// and the hugetlb pool <c>hugepages N [size 2M|1G]</c> (1G: a boot-time pool, GiganticPages.cs): the size is checked;
/// the pool is 2 MiB pages at run time.
/// </summary>
internal sealed partial class MachineChecker
{
    private static readonly string[] ThpModes = { "never", "madvise", "always" };
    private static readonly string[] DefragModes = { "always", "defer", "defer+madvise", "madvise", "never" };
    private static readonly string[] OnOff = { "on", "off" };

    /// <summary>The last <c>hugepages</c> setting's explicit size, checked against page_size by <see cref="CheckGeometry"/>.</summary>
    private (ulong Bytes, SourceText Source, TextSpan Span)? _hugePagesSizeSetting;

    private static long DefaultWays(string key, long entries) => Math.Min(key == "stlb" ? 12L : 4L, entries);

    private void CheckThp(Setting.Thp thp)
    {
        if (thp.Mode is { } mode && Word(mode, "thp mode", ThpModes) is { } m)
        {
            Assign("Thp", m, thp);
        }

        if (thp.Defrag is { } defrag && Word(defrag, "thp defrag mode", DefragModes) is { } d)
        {
            Assign("ThpDefrag", d, thp);
        }

        if (thp.Khugepaged is { } khugepaged && Word(khugepaged, "khugepaged setting", OnOff) is { } k)
        {
            Assign("Khugepaged", k == "on", thp);
        }
    }

    private void CheckHugePages(Setting.HugePages h)
    {
        if (Int(h.Count, "hugepages", 0, 1L << 20) is not { } count)
        {
            return;
        }

        var size = 0UL;   // the default hstate's size, which follows page_size (MachineSettings.HugetlbPageSize)
        if (h.PageSize is not null)
        {
            if (SizeOf(h.PageSize) is not { } bytes)
            {
                return;
            }

            if (bytes is not ((2UL << 20) or (1UL << 30)))
            {
                Report(SemanticErrors.HugePageSize, h.PageSize.Span, _source.ToString(h.PageSize.Span));
                return;
            }

            size = bytes;
        }

        _hugePagesSizeSetting = h.PageSize is null ? null : (size, _source, h.PageSize.Span);
        Forget("hugepages");
        Remember("hugepages", (ulong)count * (size == 0 ? 2UL << 20 : size), h.Count.Span);
        Assign("HugePages", count, h);
        Assign("HugePageSize", size, h);
    }
}
