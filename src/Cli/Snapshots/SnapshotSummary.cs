namespace MemScript.Cli.Snapshots;

/// <summary>
/// The outcome of a harness run: counts, and the exit code it stands for
/// (usage errors and scenarios with errors first, then failures).
/// <see cref="Accepted"/> counts snapshots written to verified during the
/// run; they also count as passed. <see cref="ScenarioErrors"/> counts
/// scenarios that could not run (unreadable or with errors); they also count
/// as failed.
/// </summary>
public sealed record SnapshotSummary(int Passed, int Failed, int Accepted, bool UsageError, int ScenarioErrors = 0)
{
    public int ExitCode => UsageError || ScenarioErrors > 0 ? ExitCodes.Usage : Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;

    public string Line => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Passed} passed, {Failed} failed");
}
