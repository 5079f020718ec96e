namespace MemScript.Cli.Snapshots;

/// <summary>
/// What running one scenario gave the snapshot harness: the text to compare
/// with the verified snapshot (the text report, or the diagnostics of a
/// scenario that does not compile), whether the run itself passed (its
/// expectations held), and if not, why in one line.
/// </summary>
public sealed record ScenarioOutput(string Text, bool Passed, string? FailureNote = null);
