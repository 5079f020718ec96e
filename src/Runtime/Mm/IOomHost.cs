namespace MemScript.Runtime.Mm;

/// <summary>
/// The OOM killer, as the kernel calls it (out_of_memory) when reclaim makes
/// no progress. It lives above the kernel core (it needs processes: pids,
/// oom_score_adj, names, cpu time): the process layer implements it, picks the
/// victim by badness, prints the kernel's lines and kills it, which frees its
/// memory at once through <see cref="Kernel.Exit"/>.
/// </summary>
internal interface IOomHost
{
    /// <summary>
    /// Chooses and kills a victim. <paramref name="requesterMm"/> is the address
    /// space whose allocation failed (-1 for the kernel itself, as with
    /// <c>pressure</c>), <paramref name="pagesWanted"/> what it asked for.
    /// </summary>
    OomOutcome OutOfMemory(int requesterMm, long pagesWanted);
}
