namespace MemScript.Runtime.Mm;

/// <summary>
/// The arguments of mmap as the kernel's do_mmap sees them. <see cref="Address"/>
/// 0 lets the kernel choose (top-down first fit below the mmap base, 2 MiB
/// alignment for private lengths that are a multiple of 2 MiB); otherwise
/// MAP_FIXED semantics. <see cref="Huge"/> is MAP_HUGETLB (the length rounded
/// up to 2 MiB, pages from the hugetlb pool); with <see cref="HugeGiant"/> it is
/// MAP_HUGE_1GB (rounded up to 1 GiB, pages from the boot-time 1 GiB pool).
/// <see cref="ObjectId"/> is the file id or shm segment id for
/// <see cref="MapKind.File"/> and <see cref="MapKind.SysVShm"/>.
/// </summary>
internal readonly record struct MmapRequest(
    ulong Length,
    MapKind Kind,
    bool Read,
    bool Write,
    bool Exec,
    bool Shared = false,
    bool Populate = false,
    bool NoReserve = false,
    int ObjectId = -1,
    ulong FileOffset = 0,
    ulong Address = 0,
    bool Huge = false,
    bool HugeGiant = false);
