namespace MemScript.Cli.Snapshots;

/// <summary>One scenario and its snapshot files: <c>X.mems</c>, <c>X.verified.txt</c>, <c>X.received.txt</c>, side by side.</summary>
public sealed record SnapshotCase(string DisplayPath, string FullPath)
{
    private string Stem => FullPath[..^".mems".Length];

    public string VerifiedPath => Stem + SnapshotFiles.VerifiedSuffix;

    public string ReceivedPath => Stem + SnapshotFiles.ReceivedSuffix;
}
