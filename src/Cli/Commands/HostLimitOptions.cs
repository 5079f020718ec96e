using System.CommandLine;
using System.Globalization;
using MemScript.Runtime;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>--max-memory SIZE</c> (<c>512M</c>, <c>2G</c>; default half of what the
/// GC may use on this host) and <c>--max-time DURATION</c> (<c>30s</c>,
/// <c>500ms</c>, <c>2m</c>; default none): the host limits of a run
/// (<see cref="HostLimits"/>). A bad value is a usage error naming it.
/// </summary>
internal static class HostLimitOptions
{
    public static Option<string?> MaxMemory() => new("--max-memory")
    {
        Description = "Stop the simulation (exit 1, report so far) when it holds more host memory than this, e.g. 2G [default: half the host's]",
        HelpName = "SIZE",
    };

    public static Option<string?> MaxTime() => new("--max-time")
    {
        Description = "Stop the simulation (exit 1, report so far) after this much wall-clock time, e.g. 30s [default: none]",
        HelpName = "DURATION",
    };

    /// <summary>The limits, or the usage error of a bad value.</summary>
    public static (HostLimits? Limits, string? Error) Parse(string? maxMemory, string? maxTime)
    {
        var limits = HostLimits.Default;
        if (maxMemory is not null)
        {
            if (Size(maxMemory) is not { } bytes)
                return (null, $"--max-memory takes a size such as 512M or 2G, not '{maxMemory}'");
            limits = limits with { MaxHeapBytes = bytes };
        }

        if (maxTime is not null)
        {
            if (Duration(maxTime) is not { } wall)
                return (null, $"--max-time takes a duration such as 500ms, 30s or 2m, not '{maxTime}'");
            limits = limits with { MaxWallTime = wall };
        }

        return (limits, null);
    }

    private static long? Size(string text)
    {
        var (number, unit) = Split(text);
        long scale = unit switch { "" => 1, "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, "T" => 1L << 40, _ => 0 };
        return scale > 0 && number is > 0 && number <= long.MaxValue / scale ? number * scale : null;
    }

    private static TimeSpan? Duration(string text)
    {
        var (number, unit) = Split(text);
        long? ms = unit switch { "ms" => number, "s" => number * 1000, "m" => number * 60_000, _ => null };
        return number is > 0 and <= 100_000_000 && ms is { } m ? TimeSpan.FromMilliseconds(m) : null;
    }

    private static (long? Number, string Unit) Split(string text)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            digits++;
        var parsed = long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        return (parsed ? n : null, text[digits..]);
    }
}
