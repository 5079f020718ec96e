// rss-only: an OOM badness that counts only what is resident. Today's kernel
// (mm/oom_kill.c, oom_badness(), since 2.6.36; David Rientjes' rewrite)
// scores rss + swap entries + page-table pages, plus oom_score_adj
// thousandths of RAM + swap. This policy drops the swap and page-table terms:
// a task whose memory has gone to swap is spared in favour of one that holds
// RAM now, which is what freeing memory at once needs.
//
//   Badness(t) = RssAnon + RssFile + RssShmem + OomScoreAdj * totalPages / 1000
//
// The kernel keeps its own rules around it: oom_score_adj -1000 is never
// asked, the highest score is killed (ties: the later task), and the kill is
// logged with the kernel's usual lines.
using MemScript.Policies;

public sealed class RssOnlyPolicy : IOomPolicy
{
    public long? Badness(OomCandidate task, long totalPages) =>
        task.RssAnonPages + task.RssFilePages + task.RssShmemPages + task.OomScoreAdj * (totalPages / 1000);
}
