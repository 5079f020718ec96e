using System.Globalization;

namespace MemScript.Cli.Jobs;

/// <summary>
/// <c>--jobs N</c>: how many scenarios run at once (default 1; 0 means one
/// per processor). The output does not depend on it: results are printed in
/// the scenarios' order whatever order they finish in.
/// </summary>
public static class JobCount
{
    /// <summary>The largest number of jobs taken; more would only cost memory.</summary>
    public const int Max = 256;

    /// <summary>The count, or null and the usage error of a bad value.</summary>
    public static (int? Jobs, string? Error) Parse(string? text)
    {
        if (text is null)
            return (1, null);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs <= Max)
            return (jobs == 0 ? Math.Min(Max, Environment.ProcessorCount) : jobs, null);
        return (null, string.Create(CultureInfo.InvariantCulture, $"--jobs takes a number of scenarios to run at once, 1 to {Max} (0: one per processor), not '{text}'"));
    }
}
