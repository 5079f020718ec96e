using System.Globalization;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// The <c>hugepages</c> report: each hstate's directory under
/// /sys/kernel/mm/hugepages/ as mm/hugetlb_sysfs.c shows it, the way
/// <c>grep . /sys/kernel/mm/hugepages/*/*</c> prints it, directories and files
/// in name order (<c>hugepages-1048576kB</c> before <c>hugepages-2048kB</c>):
/// free_hugepages, nr_hugepages, nr_overcommit_hugepages, resv_hugepages and
/// surplus_hugepages of the default hstate (the PMD page) and, with 4 KiB
/// pages, of the 1 GiB one. /proc/meminfo's HugePages_* lines are only the
/// default hstate's; these are every size's.
/// </summary>
internal static class HugepagesFormatter
{
    public static IReadOnlyList<string> Format(Kernel kernel)
    {
        var states = new List<(string Name, (long Total, long Free, long Reserved, long Surplus) Pool)>
        {
            (Directory(kernel.Machine.DefaultHugetlbPageSize), kernel.DefaultPool),
        };
        if (kernel.Machine.PageSize == 4096 && !kernel.Machine.Is32Bit)
        {
            states.Add((Directory(GiganticPages.Size), kernel.GiantPool));
        }

        states.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var lines = new List<string>();
        foreach (var (name, pool) in states)
        {
            var path = "/sys/kernel/mm/hugepages/" + name + "/";
            lines.Add(path + "free_hugepages:" + N(pool.Free));
            lines.Add(path + "nr_hugepages:" + N(pool.Total));
            lines.Add(path + "nr_overcommit_hugepages:0");
            lines.Add(path + "resv_hugepages:" + N(pool.Reserved));
            lines.Add(path + "surplus_hugepages:" + N(pool.Surplus));
        }

        return lines;
    }

    private static string Directory(ulong size) => "hugepages-" + N((long)(size >> 10)) + "kB";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
