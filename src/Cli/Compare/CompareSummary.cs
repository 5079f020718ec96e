using System.Globalization;

namespace MemScript.Cli.Compare;

/// <summary>
/// The last line of a comparison, <c>N changed, M unchanged, K expectations
/// flipped</c> (and <c>, E could not run</c> when some could not), and the
/// exit code it stands for: 2 when a scenario could not run, else 1 with
/// <c>--fail-on-change</c> when something changed, else 0.
/// </summary>
public sealed record CompareSummary(int Changed, int Unchanged, int ExpectationsFlipped, int Errors)
{
    public static CompareSummary Of(IReadOnlyList<ScenarioComparison> scenarios) => new(
        scenarios.Count(static s => s.Changed),
        scenarios.Count(static s => s.Error is null && !s.Changed),
        scenarios.Sum(static s => s.ExpectationsFlipped),
        scenarios.Count(static s => s.Error is not null));

    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"{Changed} changed, {Unchanged} unchanged, {ExpectationsFlipped} expectations flipped{(Errors > 0 ? $", {Errors} could not run" : "")}");

    public int ExitCode(bool failOnChange) =>
        Errors > 0 ? ExitCodes.Usage : failOnChange && (Changed > 0 || ExpectationsFlipped > 0) ? ExitCodes.Failed : ExitCodes.Ok;
}
