namespace MemScript.Runtime.Mm;

/// <summary>
/// The LRU lists of mm/vmscan.c; shmem pages live on the anon lists, as in
/// Linux. Mlocked pages of every kind are on <see cref="Unevictable"/>, which
/// reclaim never scans.
/// </summary>
internal enum LruList
{
    InactiveAnon,
    ActiveAnon,
    InactiveFile,
    ActiveFile,
    Unevictable,
}
