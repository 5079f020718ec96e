namespace MemScript.Runtime.Mm;

/// <summary>
/// A page-table entry is one ulong, as on x86-64:
/// <code>
///  63        40 39            12 11          0
/// +------------+----------------+-------------+
/// | stamp (24) | frame no. (28) | flags (12)  |
/// +------------+----------------+-------------+
/// </code>
/// A swap entry has <see cref="Present"/> clear and <see cref="Swap"/> set,
/// the swap slot in the frame bits and the expected stamp kept in the stamp
/// bits (so the read after swap-in is still checked). <see cref="Stamp"/> holds the low 24
/// bits of the content stamp this mapping expects to read back from a private
/// anonymous page; page-cache pages (<see cref="PageCache"/>) and the zero
/// page are not stamp-checked through the PTE.
/// </summary>
internal static class Pte
{
    public const ulong Present = 1;
    public const ulong Write = 2;
    public const ulong Read = 4;
    public const ulong Exec = 8;
    /// <summary>Maps the shared zero page: no frame, never writable.</summary>
    public const ulong Zero = 16;
    public const ulong Accessed = 32;
    public const ulong Dirty = 64;
    /// <summary>The frame belongs to the page cache or shmem (RssFile/RssShmem), not to this mm.</summary>
    public const ulong PageCache = 128;
    /// <summary>A swap entry (present clear): the frame bits hold the swap slot.</summary>
    public const ulong Swap = 256;
    /// <summary>Software bit: this mapping (in a VM_LOCKED VMA) holds one of its frame's mlock references.</summary>
    public const ulong Mlocked = 512;
    /// <summary>
    /// The table this entry is in is mapped by one PMD entry (a transparent huge
    /// page, or the huge zero page): every entry of the table carries the bit, the
    /// TLB holds one 2 MiB translation for them (Kernel.Thp.cs).
    /// </summary>
    public const ulong Huge = 1024;

    public const int FrameShift = 12;
    public const ulong FrameMask = (1UL << 28) - 1;
    public const int StampShift = 40;
    public const uint StampMask = (1u << 24) - 1;
    public const ulong StampBits = (ulong)StampMask << StampShift;

    public static int Frame(ulong pte) => (int)((pte >> FrameShift) & FrameMask);

    public static uint Stamp(ulong pte) => (uint)(pte >> StampShift);

    public static ulong Make(int pfn, ulong flags, uint stamp) =>
        flags | Present | ((ulong)pfn << FrameShift) | ((ulong)(stamp & StampMask) << StampShift);

    /// <summary>A swap entry for <paramref name="slot"/>, keeping the stamp the mapping expects.</summary>
    public static ulong MakeSwap(int slot, uint stamp) =>
        Swap | ((ulong)slot << FrameShift) | ((ulong)(stamp & StampMask) << StampShift);

    public static bool IsSwap(ulong pte) => (pte & (Present | Swap)) == Swap;

    public static ulong WithStamp(ulong pte, uint stamp) =>
        (pte & ~StampBits) | ((ulong)(stamp & StampMask) << StampShift);

    /// <summary>The read/exec bits a VMA grants a mapped page (write and exec imply read, as on x86-64; the write bit is the fault's decision).</summary>
    public static ulong Permissions(Vma vma) => (vma.Read || vma.Write || vma.Exec ? Read : 0) | (vma.Exec ? Exec : 0);
}
