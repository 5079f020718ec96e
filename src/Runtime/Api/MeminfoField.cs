namespace MemScript.Runtime;

/// <summary>
/// /proc/meminfo fields, named as the kernel prints them; values in bytes,
/// except HugePages_Total, _Free, _Rsvd and _Surp, which are page counts
/// (printed without a unit).
/// </summary>
public enum MeminfoField
{
    MemTotal,
    MemFree,
    MemAvailable,
    Buffers,
    Cached,
    SwapCached,
    Active,
    Inactive,
    Active_anon,
    Inactive_anon,
    Active_file,
    Inactive_file,
    Unevictable,
    Mlocked,
    /// <summary>CONFIG_HIGHMEM only (a <c>layout i386</c> machine): the HighMem zones' managed pages.</summary>
    HighTotal,
    /// <summary>CONFIG_HIGHMEM only: the HighMem zones' free pages.</summary>
    HighFree,
    /// <summary>CONFIG_HIGHMEM only: MemTotal less HighTotal.</summary>
    LowTotal,
    /// <summary>CONFIG_HIGHMEM only: MemFree less HighFree.</summary>
    LowFree,
    SwapTotal,
    SwapFree,
    Dirty,
    AnonPages,
    Mapped,
    Shmem,
    KReclaimable,
    Slab,
    SReclaimable,
    SUnreclaim,
    KernelStack,
    PageTables,
    CommitLimit,
    Committed_AS,
    AnonHugePages,
    HugePages_Total,
    HugePages_Free,
    HugePages_Rsvd,
    HugePages_Surp,
    Hugepagesize,
    Hugetlb,
}
