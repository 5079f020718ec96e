namespace MemScript.Runtime.Mm;

/// <summary>What backs a mapping.</summary>
internal enum MapKind
{
    /// <summary>Private anonymous memory (heap, malloc's mmap, stack, data).</summary>
    AnonPrivate,
    /// <summary>MAP_SHARED|MAP_ANONYMOUS: shmem pages, no zero page.</summary>
    AnonShared,
    /// <summary>A file mapping, MAP_PRIVATE or MAP_SHARED per <see cref="MmapRequest.Shared"/>.</summary>
    File,
    /// <summary>A System V shared memory attachment.</summary>
    SysVShm,
}
