using System.Globalization;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/PID/smaps as show_smap prints it: each VMA's maps line, then its
/// counters, the label padded to 16 columns and the value in kB right-aligned
/// to 8 (<c>SEQ_PUT_DEC</c>), <c>THPeligible:    N</c> and
/// <c>VmFlags: rd wr mr mw me ac </c>; then /proc/PID/smaps_rollup: the
/// rollup header (<c>[rollup]</c>) and the summed counters with the Pss
/// breakdown by kind. KSM, LazyFree, ShmemPmdMapped, FilePmdMapped and
/// SwapPss are not modelled: printed as the kernel prints them with nothing
/// there (0, SwapPss as Swap for unshared slots).
/// </summary>
internal static class SmapsFormatter
{
    public static IReadOnlyList<string> Format((IReadOnlyList<SmapsInfo> Vmas, SmapsInfo Rollup) smaps)
    {
        var lines = new List<string>();
        foreach (var v in smaps.Vmas)
        {
            lines.Add(MapsFormatter.FormatLine(v.Vma));
            lines.Add(Kb("Size", v.Vma.End - v.Vma.Start));
            lines.Add(Kb("KernelPageSize", v.KernelPageSize));
            lines.Add(Kb("MMUPageSize", v.KernelPageSize));
            Counters(lines, v, rollup: false);
            lines.Add("THPeligible:    " + (v.ThpEligible ? "1" : "0"));
            lines.Add("VmFlags: " + v.VmFlags);
        }

        lines.Add("");
        lines.Add("smaps_rollup");
        lines.Add(MapsFormatter.FormatLine(smaps.Rollup.Vma));
        Counters(lines, smaps.Rollup, rollup: true);
        return lines;
    }

    private static void Counters(List<string> lines, SmapsInfo v, bool rollup)
    {
        lines.Add(Kb("Rss", v.Rss));
        lines.Add(Kb("Pss", v.Pss));
        lines.Add(Kb("Pss_Dirty", v.PssDirty));
        if (rollup)
        {
            lines.Add(Kb("Pss_Anon", v.PssAnon));
            lines.Add(Kb("Pss_File", v.PssFile));
            lines.Add(Kb("Pss_Shmem", v.PssShmem));
        }

        lines.Add(Kb("Shared_Clean", v.SharedClean));
        lines.Add(Kb("Shared_Dirty", v.SharedDirty));
        lines.Add(Kb("Private_Clean", v.PrivateClean));
        lines.Add(Kb("Private_Dirty", v.PrivateDirty));
        lines.Add(Kb("Referenced", v.Referenced));
        lines.Add(Kb("Anonymous", v.Anonymous));
        lines.Add(Kb("KSM", 0));
        lines.Add(Kb("LazyFree", 0));
        lines.Add(Kb("AnonHugePages", v.AnonHugePages));
        lines.Add(Kb("ShmemPmdMapped", 0));
        lines.Add(Kb("FilePmdMapped", 0));
        lines.Add(Kb("Shared_Hugetlb", v.SharedHugetlb));
        lines.Add(Kb("Private_Hugetlb", v.PrivateHugetlb));
        lines.Add(Kb("Swap", v.Swap));
        lines.Add(Kb("SwapPss", v.Swap));
        lines.Add(Kb("Locked", v.Locked));
    }

    private static string Kb(string label, ulong bytes) =>
        (label + ":").PadRight(16) + (bytes / 1024).ToString(CultureInfo.InvariantCulture).PadLeft(8) + " kB";
}
