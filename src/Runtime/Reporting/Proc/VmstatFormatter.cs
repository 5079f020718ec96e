using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// /proc/vmstat lines (mm/vmstat.c vmstat_show: <c>"%s %lu"</c>, here
/// <c>pgfault 17</c>), one per <see cref="VmCounter"/>, in enum order; the
/// member's name is the kernel's name.
/// </summary>
internal static class VmstatFormatter
{
    public static IReadOnlyList<string> Format(Func<VmCounter, long> value)
    {
        var counters = Enum.GetValues<VmCounter>();
        var lines = new string[counters.Length];
        for (int i = 0; i < counters.Length; i++)
            lines[i] = counters[i].ToString() + " " + value(counters[i]).ToString(CultureInfo.InvariantCulture);
        return lines;
    }
}
