using System.Runtime.InteropServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The model's struct page: 40 bytes per simulated frame, kept in chunked
/// struct arrays by <see cref="FrameTable"/>: the reverse-map link
/// (<see cref="Owner"/> + <see cref="Index"/>: the mm and virtual page of an
/// anonymous page, or the object and page offset of a cache page), a map
/// count, LRU links as frame numbers (-1 = none; a free block's first frame
/// links the buddy free list through them and keeps its order in
/// <see cref="Index"/>), the content stamp of the last write (MODEL.md
/// section 10), the swap slot of a page in the swap cache, and how many
/// VM_LOCKED mappings hold it (mlock_count; the struct stays 40 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PageFrame
{
    public long Index;
    public int MapCount;
    public int Owner;
    public int LruPrev;
    public int LruNext;
    public uint Stamp;
    /// <summary>The swap slot of a page in the swap cache (<see cref="FrameFlags.SwapCache"/>), else -1 or 0.</summary>
    public int SwapSlot;
    public FrameKind Kind;
    public FrameFlags Flags;
    /// <summary>folio->mlock_count: the VM_LOCKED mappings of the page (PTEs with <see cref="Pte.Mlocked"/>).</summary>
    public ushort MlockCount;
}
