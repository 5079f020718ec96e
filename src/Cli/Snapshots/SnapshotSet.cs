namespace MemScript.Cli.Snapshots;

/// <summary>
/// What <see cref="SnapshotDiscovery"/> found under the given paths: the
/// scenarios (ordinal order), verified snapshots with no scenario beside
/// them (dangling), and paths that could not be used (already phrased).
/// </summary>
public sealed record SnapshotSet(
    IReadOnlyList<SnapshotCase> Cases,
    IReadOnlyList<string> DanglingVerified,
    IReadOnlyList<string> Errors);
