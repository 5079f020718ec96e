namespace MemScript.Policies;

/// <summary>What a resident page holds: anonymous memory, a file's page cache, or shared memory (shmem).</summary>
public enum PageKind
{
    /// <summary>Anonymous memory (heap, stack, private copies); evicted to swap.</summary>
    Anon,

    /// <summary>A page of a file's page cache; dropped when clean, written back when dirty.</summary>
    File,

    /// <summary>Shared memory (System V shm, shared anonymous mappings); evicted to swap.</summary>
    Shmem,
}
