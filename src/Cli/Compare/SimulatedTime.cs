using System.Globalization;

namespace MemScript.Cli.Compare;

/// <summary>Simulated nanoseconds as the reports print them, <c>12.345 ms</c> (to the microsecond, rounded half away from zero, no floating point).</summary>
public static class SimulatedTime
{
    public static string Ms(long ns)
    {
        long us = ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000);
        var sign = us < 0 ? "-" : "";
        us = Math.Abs(us);
        return sign + (us / 1000).ToString(CultureInfo.InvariantCulture) + "." + (us % 1000).ToString("000", CultureInfo.InvariantCulture) + " ms";
    }
}
