namespace MemScript.Runtime.Sched;

/// <summary>
/// The statement rows of one statement (all the processes that ran it): the first
/// <see cref="TimelineEvent.Omitted.Listed"/> are listed, the others counted
/// (<see cref="Cut"/>) and stood for by one <see cref="TimelineEvent.Omitted"/>
/// row placed where the first cut row would have been (<see cref="OmittedIndex"/>
/// in the system's timeline; its count is filled in when the run is over).
/// </summary>
internal sealed class SiteRows
{
    public int Listed;
    public long Cut;
    public int OmittedIndex = -1;

    /// <summary>The processes whose rows were cut (fork children share a statement).</summary>
    public HashSet<int>? CutPids;
}
