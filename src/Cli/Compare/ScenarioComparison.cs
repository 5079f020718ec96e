using MemScript.Runtime;

namespace MemScript.Cli.Compare;

/// <summary>
/// One scenario run both ways: its path as shown, each run's figures
/// (<see cref="RunFigures"/>), where the runs part (null when they show
/// the same thing), and how many of its expectations held in one run and not
/// in the other. A scenario that could not run one way or the other
/// (unreadable, errors with a setting, an internal error) has
/// <see cref="Error"/> and no figures; its diagnostics are printed on
/// standard error.
/// </summary>
public sealed record ScenarioComparison(
    string DisplayPath,
    IReadOnlyList<Figure>? Base,
    IReadOnlyList<Figure>? Candidate,
    Divergence? Divergence,
    int ExpectationsFlipped,
    string? Error = null)
{
    /// <summary>Diagnostics to print on standard error (read errors, errors in the scenario, failed expectations are not among them).</summary>
    public string? Diagnostics { get; init; }

    /// <summary>The textbook frame tables each run recorded (<see cref="FrameTablePair"/> draws them together).</summary>
    public IReadOnlyList<ReferenceTable> BaseTables { get; init; } = [];

    public IReadOnlyList<ReferenceTable> CandidateTables { get; init; } = [];

    public bool Changed => Error is null && Divergence is not null;

    public static ScenarioComparison Failed(string displayPath, string error, string? diagnostics) =>
        new(displayPath, null, null, null, 0, error) { Diagnostics = diagnostics };
}
