namespace MemScript.Runtime;

/// <summary>
/// The process fields an <c>expect</c> can name, with the kernel's names.
/// Sizes (Vm*, Rss*, virt, res, shr) compare in bytes; the rest are counts.
/// </summary>
public enum ProcessField
{
    VmSize,
    VmLck,
    VmRSS,
    RssAnon,
    RssFile,
    RssShmem,
    VmSwap,
    VmPTE,
    VmData,
    VmStk,
    minflt,
    majflt,
    oom_score,
    oom_score_adj,
    virt,
    res,
    shr,
}
