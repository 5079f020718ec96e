namespace MemScript.Runtime.Sched;

/// <summary>
/// The snapshots one report statement took (all the processes that ran it):
/// the first <see cref="Listed"/> are kept; past <see cref="MaxListed"/> the
/// others are only counted (<see cref="Cut"/>) and stood for by one snapshot
/// placed where the first cut one would have been (<see cref="PlaceholderIndex"/>
/// in the system's timeline; its line is written when the run is over). So a
/// report statement in a long loop costs bounded memory, whatever the count.
/// </summary>
internal sealed class SnapshotRows
{
    /// <summary>Snapshots of one statement kept in the report.</summary>
    public const int MaxListed = 100;

    public int Listed;
    public long Cut;
    public int PlaceholderIndex = -1;
    public string Title = "";
}
