using System.Globalization;

namespace MemScript.Runtime.Sched;

/// <summary>How the process layer spells times and sizes in the report: invariant culture, binary units.</summary>
internal static class Units
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with three decimals, rounded as the timeline's time column is: <c>0.027 ms</c>.</summary>
    public static string Ms(long ns) => MemScript.Runtime.Reporting.ReportText.Ms(ns);

    /// <summary>A size in bytes as <c>68 kB</c> when a whole number of KiB (the /proc spelling), else <c>N B</c>.</summary>
    public static string Kb(long bytes) =>
        bytes % 1024 == 0 ? (bytes / 1024).ToString(Ci) + " kB" : bytes.ToString(Ci) + " B";

    /// <summary>A size with the largest binary unit that divides it: <c>64 MiB</c>, <c>132 KiB</c>, <c>100 B</c>.</summary>
    public static string Size(ulong bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (unit < units.Length - 1 && bytes != 0 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString(Ci) + " " + units[unit];
    }

    /// <summary>A duration as the header prints costs: <c>4 ns</c>, <c>1.6 us</c>, <c>80 us</c>, <c>1 ms</c>.</summary>
    public static string Duration(long ns)
    {
        if (ns < 1000)
            return ns.ToString(Ci) + " ns";
        if (ns < 1_000_000 || ns % 1_000_000 != 0)
            return (ns / 1000.0).ToString("0.###", Ci) + " us";
        if (ns % 1_000_000_000 != 0)
            return (ns / 1_000_000).ToString(Ci) + " ms";
        return (ns / 1_000_000_000).ToString(Ci) + " s";
    }

    public static string Count(long value) => value.ToString(Ci);

    public static string Hex(ulong address) => "0x" + address.ToString("x", Ci);
}
