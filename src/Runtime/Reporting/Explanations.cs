using System.Globalization;

namespace MemScript.Runtime.Reporting;

/// <summary>
/// The "why" of a report: for each kind of event the run shows (a minor
/// fault, a major fault, a copy-on-write, a swap-out, kswapd waking, direct
/// reclaim, an OOM kill), once per report, the rule of the kernel that made
/// it happen, as the model (docs/MODEL.md) states it, with a link to that
/// section. The OOM kill's explanation carries each candidate's badness
/// figures. Kinds are found in the result: fault counts of statements,
/// vmstat counters, kernel messages, the OOM kills.
/// </summary>
internal static class Explanations
{
    /// <summary>The model documentation in the repository; sections are GitHub's heading anchors.</summary>
    public const string ModelDoc = "docs/MODEL.md";

    public sealed record Why(string Kind, string Title, string Rule, string Link, string LinkText, IReadOnlyList<OomRankedTask> Candidates, string? FirstSeen);

    public static IReadOnlyList<Why> For(SimulationResult r)
    {
        var list = new List<Why>();
        string? firstMinor = null, firstMajor = null, firstKswapd = null, firstCow = null;
        var forked = false;
        foreach (var e in r.Timeline)
        {
            switch (e)
            {
                case TimelineEvent.Statement s:
                    if (s.MinFlt > 0)
                        firstMinor ??= ReportText.Where(s);
                    if (s.MajFlt > 0)
                        firstMajor ??= ReportText.Where(s);
                    if (forked && s.MinFlt > 0 && s.RssDeltaKb == 0 && IsWrite(s.Site.Text))
                        firstCow ??= ReportText.Where(s);
                    if (IsFork(s.Site.Text))
                        forked = true;
                    break;
                case TimelineEvent.Kernel k when k.Lines.Count > 0 && k.Lines[0].StartsWith("kswapd", StringComparison.Ordinal) && k.Lines[0].Contains(" wakes: ", StringComparison.Ordinal):
                    firstKswapd ??= ReportText.Ms(k.TimeNs);
                    break;
            }
        }
        if (firstMinor != null)
            list.Add(new Why("minor-fault", "Minor fault",
                "The page was not mapped but no disk read was needed: the first write to private anonymous memory takes a new zeroed frame (RssAnon +1 page); "
                + "a first read maps the shared zero page (RSS +0); a file page already in the page cache is mapped with its fault-around window (16 pages, 64 KiB). "
                + "malloc only reserves address space: pages arrive one fault at a time.",
                ModelDoc + "#2-faults-the-core-table", "MODEL.md §2 Faults", [], firstMinor));
        if (firstCow != null)
            list.Add(new Why("cow", "Copy-on-write",
                "After fork parent and child share every private page read-only. The first write to a shared page faults (1 minor) and gets a private copy; "
                + "the writer's RSS does not change, since the page was already counted in it. Once the other process has exited the page is reused without a copy.",
                ModelDoc + "#2-faults-the-core-table", "MODEL.md §2 Faults", [], firstCow));
        if (firstMajor != null)
            list.Add(new Why("major-fault", "Major fault",
                "The page had to be read from disk: a file page not in the page cache (the kernel reads the read-around window in one I/O) "
                + "or an anonymous page that was swapped out (swap-in; the page stays in the swap cache). The process waits for the read (80 us here), "
                + "other processes run meanwhile.",
                ModelDoc + "#2-faults-the-core-table", "MODEL.md §2 Faults", [], firstMajor));
        if (Counter(r, "pswpout") > 0)
            list.Add(new Why("swap-out", "Swap-out",
                "Reclaim takes pages from the tail of the inactive LRU lists. A clean file page is dropped; an anonymous page must be written to swap first (pswpout) "
                + "and comes back later with a major fault. swappiness sets the balance between the anonymous and the file lists.",
                ModelDoc + "#6-free-memory-watermarks-reclaim", "MODEL.md §6 Reclaim", [], null));
        if (firstKswapd != null)
            list.Add(new Why("kswapd", "kswapd0 wakes",
                "An allocation left free memory below the low watermark: the kernel wakes kswapd0, which reclaims in the background, 32 pages per batch, "
                + "until free memory reaches the high watermark, then sleeps. The allocating process goes on without waiting.",
                ModelDoc + "#6-free-memory-watermarks-reclaim", "MODEL.md §6 Watermarks", [], firstKswapd));
        if (Counter(r, "allocstall") > 0)
            list.Add(new Why("direct-reclaim", "Direct reclaim",
                "Free memory fell below the min watermark (or, with watermarks off, no frame was free): the allocating process reclaims pages itself "
                + "before its allocation can go on (allocstall counts it), and pays for the scan in its own time.",
                ModelDoc + "#6-free-memory-watermarks-reclaim", "MODEL.md §6 Reclaim", [], null));
        foreach (var k in r.OomKills)
        {
            var victim = k.Victim + " (pid " + k.Pid.ToString(CultureInfo.InvariantCulture) + ")";
            list.Add(new Why("oom", "OOM kill: " + victim,
                k.Legacy
                    ? "Reclaim made no progress. 2.6.35's killer scores each process by its total_vm, plus half of each child's, divided by roots of its CPU time and run time, shifted by oom_adj; the first strictly highest is chosen."
                    : "Reclaim made no progress, so the OOM killer chose a victim: badness = resident pages + swap entries + page-table pages + oom_score_adj × totalpages / 1000. "
                      + "The highest badness is killed (a tie goes to the later process); oom_score_adj -1000 is never chosen. Its memory is freed at once.",
                ModelDoc + "#7-the-oom-killer-todays-kernel", "MODEL.md §7 The OOM killer", k.Ranking, ReportText.Ms(k.TimeNs)));
            break;   // once per kind
        }
        return list;
    }

    private static long Counter(SimulationResult r, string name)
    {
        foreach (var c in r.Vmstat)
            if (c.Name == name)
                return c.Value;
        return 0;
    }

    private static bool IsFork(string text) => text.StartsWith("fork", StringComparison.Ordinal) || text.Contains("= fork", StringComparison.Ordinal);

    private static bool IsWrite(string text) => text.StartsWith("write", StringComparison.Ordinal) || text.StartsWith("touch", StringComparison.Ordinal);
}
