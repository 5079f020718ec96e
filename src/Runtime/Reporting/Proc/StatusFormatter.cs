using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// The memory lines of /proc/PID/status as task_mem() (fs/proc/task_mmu.c)
/// prints them: the name, a colon, a tab, the value in kB right-aligned to 8
/// (<c>seq_put_decimal_ull_width(m, "...:\t", kb, 8)</c>) and <c>" kB"</c>.
/// Lines, in the kernel's order: Name, Pid (from proc_pid_status), VmSize,
/// VmLck, VmRSS, RssAnon, RssFile, RssShmem, VmData, VmStk, VmPTE, VmSwap,
/// HugetlbPages (hugetlb_report_usage).
/// VmPeak, VmPin, VmHWM, VmExe and VmLib are not modelled and left out.
/// </summary>
internal static class StatusFormatter
{
    public static IReadOnlyList<string> Format(MemScript.Runtime.Mm.ProcStatus status, string name, int pid) =>
    [
        "Name:\t" + name,
        "Pid:\t" + pid.ToString(CultureInfo.InvariantCulture),
        Kb("VmSize", status.VmSize),
        Kb("VmLck", status.VmLck),
        Kb("VmRSS", status.VmRss),
        Kb("RssAnon", status.RssAnon),
        Kb("RssFile", status.RssFile),
        Kb("RssShmem", status.RssShmem),
        Kb("VmData", status.VmData),
        Kb("VmStk", status.VmStk),
        Kb("VmPTE", status.VmPte),
        Kb("VmSwap", status.VmSwap),
        Kb("HugetlbPages", status.HugetlbPages),
    ];

    /// <summary>One line: <c>VmSize:\t     344 kB</c>, from a size in bytes.</summary>
    public static string Kb(string field, ulong bytes) =>
        field + ":\t" + (bytes / 1024).ToString(CultureInfo.InvariantCulture).PadLeft(8) + " kB";
}
