namespace MemScript.Runtime;

/// <summary>mmap flags and protection as a scenario writes them.</summary>
[Flags]
public enum MmapFlags
{
    None = 0,
    Read = 1,
    Write = 2,
    Exec = 4,
    Shared = 8,
    Populate = 16,
    Huge = 32,
    /// <summary>MAP_NORESERVE: not counted in Committed_AS.</summary>
    NoReserve = 64,
    /// <summary>MAP_HUGE_1GB with <see cref="Huge"/>: pages from the 1 GiB pool.</summary>
    Huge1G = 128,
}
