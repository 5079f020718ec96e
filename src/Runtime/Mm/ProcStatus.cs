namespace MemScript.Runtime.Mm;

/// <summary>The memory lines of /proc/PID/status and the fault counters, in bytes and counts.</summary>
internal readonly record struct ProcStatus(
    ulong VmSize,
    ulong VmLck,
    ulong VmRss,
    ulong RssAnon,
    ulong RssFile,
    ulong RssShmem,
    ulong VmSwap,
    ulong VmPte,
    ulong VmData,
    ulong VmStk,
    long MinFlt,
    long MajFlt,
    /// <summary>Page-table pages (PTE, PMD, PUD) in pages, for the OOM badness.</summary>
    long PageTablePages)
{
    /// <summary>perf's TLB counters and the TLB flushes of the process.</summary>
    public TlbCounters Tlb { get; init; }

    /// <summary>HugetlbPages: the hugetlb pages the process maps, in bytes (not in VmRSS).</summary>
    public ulong HugetlbPages { get; init; }
}
