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
