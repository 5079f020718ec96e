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
    long PageTablePages);
