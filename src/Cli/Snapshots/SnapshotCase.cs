namespace MemScript.Cli.Snapshots;

/// <summary>
/// One scenario and its snapshot files: <c>X.mems</c>, <c>X.verified.txt</c>,
/// <c>X.received.txt</c>, side by side. <see cref="DisplayPath"/> is for the
/// console (relative to the working directory); <see cref="ReportPath"/> is
/// what the report shows, and does not depend on the working directory (see
/// <see cref="SnapshotDiscovery"/>), so a snapshot is the same wherever the
/// harness runs from. <see cref="Variant"/> names the <c>--set</c>
/// overrides of the run (<c>.reclaim-lru</c>, see <see cref="SnapshotVariant"/>):
/// the snapshots are then <c>X.reclaim-lru.verified.txt</c> and
/// <c>X.reclaim-lru.received.txt</c>.
/// </summary>
public sealed record SnapshotCase(string DisplayPath, string FullPath, string ReportPath)
{
    private string Stem => FullPath[..^".mems".Length] + Variant;

    /// <summary>Empty for the scenario as written; <c>.KEY-VALUE</c> for a run with overrides.</summary>
    public string Variant { get; init; } = "";

    public string VerifiedPath => Stem + SnapshotFiles.VerifiedSuffix;

    public string ReceivedPath => Stem + SnapshotFiles.ReceivedSuffix;
}
