namespace MemScript.Cli.Snapshots;

/// <summary>
/// One scenario and its snapshot files: <c>X.mems</c>, <c>X.verified.txt</c>,
/// <c>X.received.txt</c>, side by side. <see cref="DisplayPath"/> is for the
/// console (relative to the working directory); <see cref="ReportPath"/> is
/// what the report shows, and does not depend on the working directory (see
/// <see cref="SnapshotDiscovery"/>), so a snapshot is the same wherever the
/// harness runs from.
/// </summary>
public sealed record SnapshotCase(string DisplayPath, string FullPath, string ReportPath)
{
    private string Stem => FullPath[..^".mems".Length];

    public string VerifiedPath => Stem + SnapshotFiles.VerifiedSuffix;

    public string ReceivedPath => Stem + SnapshotFiles.ReceivedSuffix;
}
