namespace MemScript.Runtime.Mm;

/// <summary>
/// One VMA of /proc/PID/smaps (or, with <see cref="Vma"/> the whole range, the
/// smaps_rollup line): the maps header and the counters smap_gather_stats adds
/// up, in bytes. <see cref="KernelPageSize"/> is the VMA's page size (the
/// hugetlb page for a hugetlb VMA); <see cref="ThpEligible"/> says whether a
/// fault in it may take a huge page; <see cref="VmFlags"/> is the two-letter
/// flag list.
/// </summary>
internal sealed record SmapsInfo(
    VmaInfo Vma,
    ulong Rss,
    ulong Pss,
    ulong PssDirty,
    ulong PssAnon,
    ulong PssFile,
    ulong PssShmem,
    ulong SharedClean,
    ulong SharedDirty,
    ulong PrivateClean,
    ulong PrivateDirty,
    ulong Referenced,
    ulong Anonymous,
    ulong AnonHugePages,
    ulong SharedHugetlb,
    ulong PrivateHugetlb,
    ulong Swap,
    ulong Locked,
    ulong KernelPageSize,
    bool ThpEligible,
    string VmFlags);
