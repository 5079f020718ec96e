namespace MemScript.Cli.Snapshots;

/// <summary>
/// The outcome of a harness run: counts, and the exit code it stands for
/// (usage errors first, then failures). <see cref="Accepted"/> counts
/// snapshots written to verified during the run; they also count as passed.
/// </summary>
public sealed record SnapshotSummary(int Passed, int Failed, int Accepted, bool UsageError)
{
    public int ExitCode => UsageError ? ExitCodes.Usage : Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;

    public string Line => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Passed} passed, {Failed} failed");
}
