namespace MemScript.Cli.Snapshots;

/// <summary>
/// What <see cref="SnapshotDiscovery"/> found under the given paths: the
/// scenarios (ordinal order), verified snapshots with no scenario beside
/// them (dangling), folders that could not be listed (display path and why:
/// each a failure, not the end of the run), and paths that could not be used
/// at all (already phrased; a usage error).
/// </summary>
public sealed record SnapshotSet(
    IReadOnlyList<SnapshotCase> Cases,
    IReadOnlyList<string> DanglingVerified,
    IReadOnlyList<string> Errors,
    IReadOnlyList<(string DisplayPath, string Reason)> Unlistable);
