namespace MemScript.Runtime.Mm;

/// <summary>
/// A file's inode and page cache (address_space), or a shmem object (shared
/// anonymous memory, a System V segment). <see cref="Pages"/>[i] is frame+1 of
/// page i when it is in memory, 0 when never read; below 0 when evicted: a
/// file page's shadow (<see cref="Shadow"/>, a refault is counted), a shmem
/// page's swap slot (<see cref="SwapEntry"/>). <see cref="MapRefs"/> counts the
/// VMAs mapping the object; shmem is freed when it reaches zero (and, for
/// System V, once removed).
/// </summary>
internal sealed class MemObject
{
    public MemObject(int id, MapKind kind, string name, ulong size, int pageShift)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Size = size;
        PageCount = (long)((size + (1UL << pageShift) - 1) >> pageShift);
        Pages = new int[PageCount];
    }

    /// <summary>The shadow entry an evicted file page leaves.</summary>
    public const int Shadow = -1;

    public int Id { get; }

    /// <summary>The page-array entry of a shmem page swapped to <paramref name="slot"/>.</summary>
    public static int SwapEntry(int slot) => -(slot + 1);

    /// <summary>The slot of a shmem page-array entry below 0.</summary>
    public static int SlotOf(int entry) => -entry - 1;

    /// <summary><see cref="MapKind.File"/>, <see cref="MapKind.AnonShared"/> or <see cref="MapKind.SysVShm"/>.</summary>
    public MapKind Kind { get; }

    public string Name { get; }

    public ulong Size { get; }

    public long PageCount { get; }

    public int[] Pages { get; }

    public int MapRefs;

    /// <summary>
    /// A file's pages in the page cache (Pages[i] above 0): 0 means the inode's
    /// mapping is empty, so the inode shrinker may free it (mapping_shrinkable).
    /// Not kept for shmem objects.
    /// </summary>
    public long CachedPages;

    /// <summary>System V: the key (null once removed), its number for the maps path, removal state.</summary>
    public string? Key;
    public long KeyNumber;
    public bool Removed;

    /// <summary>Pages charged to Committed_AS by this object (shmem).</summary>
    public long CommittedPages;

    public bool Destroyed;

    public bool IsShmem => Kind != MapKind.File;

    public int FrameOf(long page) => Pages[page] - 1;
}
