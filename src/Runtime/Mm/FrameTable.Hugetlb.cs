namespace MemScript.Runtime.Mm;

/// <summary>
/// The frames of the hugetlb pool: a pool page is one buddy block of the PMD
/// page's order (9; 11 with 16K pages, 13 with 64K)
/// taken whole (alloc_pool_huge_folio) and kept out of the buddy lists and
/// the LRU while the pool holds it; its 512 frames are of kind
/// <see cref="FrameKind.Hugetlb"/>, so MemFree does not count them and frame
/// conservation does. Shrinking the pool gives the block back
/// (update_and_free_hugetlb_folio), frame by frame so the buddies merge.
/// The 1 GiB pages of the boot pool lie in the frames reserved at boot (never
/// on the buddy lists, counted as the kernel's): they are made to exist as
/// frames of kind Hugetlb once, so the mappings' content stamps have a home.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>The head frame of a free order-<paramref name="order"/> block turned into a pool page; -1 when no such block is free.</summary>
    public int TakeHugetlbBlock(int order) =>
        AllocateBlock(order, FrameKind.Hugetlb, owner: -1, Zones.GfpZone.HighUser);

    /// <summary>Gives a pool page's block back to the buddy allocator.</summary>
    public void ReturnHugetlbBlock(int head, int order) => FreeBlock(head, order);

    /// <summary>Creates the frames [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the boot-time 1 GiB pool (below <see cref="KernelFrames"/>), each of kind Hugetlb.</summary>
    public void MaterializeGigantic(int start, int count)
    {
        for (var chunk = start >> ChunkShift; chunk <= (start + count - 1) >> ChunkShift; chunk++)
        {
            _chunks[chunk] ??= new PageFrame[1 << ChunkShift];
        }

        for (var pfn = start; pfn < start + count; pfn++)
        {
            this[pfn] = new PageFrame { Kind = FrameKind.Hugetlb, Owner = -1, LruPrev = -1, LruNext = -1 };
        }
    }
}
