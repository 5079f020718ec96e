namespace MemScript.Cli.Snapshots;

/// <summary>
/// What running one scenario gave the snapshot harness: the text to compare
/// with the verified snapshot (the text report), whether the run itself
/// passed (its expectations held), and if not, why in one line. A scenario
/// that cannot run (unreadable, or with errors) sets
/// <see cref="HasErrors"/>: its <see cref="Text"/> is then the diagnostics to
/// print, never a snapshot.
/// </summary>
public sealed record ScenarioOutput(string Text, bool Passed, string? FailureNote = null, bool HasErrors = false)
{
    /// <summary>Diagnostics of a run that did run (failed or unreached expectations), one per line, for standard error.</summary>
    public string? RunDiagnostics { get; init; }

    /// <summary>A scenario that cannot run: <paramref name="diagnostics"/> are printed, nothing is written.</summary>
    public static ScenarioOutput Errors(string diagnostics, string note) => new(diagnostics, Passed: false, note, HasErrors: true);
}
