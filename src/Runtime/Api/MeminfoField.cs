namespace MemScript.Runtime;

/// <summary>/proc/meminfo fields, named as the kernel prints them; values in bytes.</summary>
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
    KernelStack,
    PageTables,
    CommitLimit,
    Committed_AS,
}
