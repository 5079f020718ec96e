namespace MemScript.Runtime;

/// <summary>
/// One OOM candidate as the killer weighed it: badness = rss + swap entries
/// (+ page-table pages when charged) + oom_score_adj * totalpages / 1000, in
/// pages (legacy: 2.6.35's points), and whether it was chosen.
/// </summary>
public sealed record OomRankedTask(int Pid, string Name, long RssPages, long SwapPages, long PageTablePages, int OomScoreAdj, long Badness, bool Chosen)
{
    /// <summary>Never chosen: oom_score_adj -1000 (legacy: oom_adj -17); its badness is not computed.</summary>
    public bool Exempt { get; init; }
}
