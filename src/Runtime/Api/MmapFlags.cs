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
}
