namespace MemScript.Runtime.Mm;

/// <summary>The four LRU lists of mm/vmscan.c; shmem pages live on the anon lists, as in Linux.</summary>
internal enum LruList
{
    InactiveAnon,
    ActiveAnon,
    InactiveFile,
    ActiveFile,
}
