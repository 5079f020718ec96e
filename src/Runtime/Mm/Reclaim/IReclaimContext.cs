namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// What a reclaim policy may ask of the kernel while it reclaims (the
/// kernel's reclaim engine implements it). Frames are read through
/// <see cref="Frames"/> (kind, flags, rmap owner and index, the LRU lists).
/// </summary>
internal interface IReclaimContext
{
    FrameTable Frames { get; }

    /// <summary>The LRU lists of the node being reclaimed (node 0's on a one-node machine).</summary>
    NodeLru Lru { get; }

    /// <summary>True when anonymous and shmem pages can be evicted: there is swap with a free slot.</summary>
    bool CanSwap { get; }

    /// <summary>vm.swappiness now (0..200).</summary>
    int Swappiness { get; }

    /// <summary>Free frames of the node being reclaimed now, and its zones' high watermarks summed in pages (0 with <c>watermarks off</c>).</summary>
    long FreePages { get; }

    long HighWatermark { get; }

    /// <summary>Free swap slots now.</summary>
    long SwapFreePages { get; }

    /// <summary>
    /// folio_referenced: walks the reverse map of <paramref name="pfn"/>, clears
    /// the accessed bit of every PTE that maps it, and returns how many had it set.
    /// </summary>
    int TestAndClearReferenced(int pfn);

    /// <summary>
    /// Whether <paramref name="pfn"/> could be evicted now (anon and shmem need a
    /// swap slot or an unmodified copy in the swap cache; kernel frames never).
    /// </summary>
    bool CanEvict(int pfn);

    /// <summary>
    /// Evicts the page in <paramref name="pfn"/>: unmaps it from every process
    /// that maps it (rmap), drops a clean file page, writes a dirty one back,
    /// writes an anonymous or shmem page to swap (unless an unmodified copy is
    /// there already), and frees the frame (the policy's <see cref="IReclaimPolicy.Removed"/>
    /// is called). False, and nothing changes, when it cannot go.
    /// </summary>
    bool Evict(int pfn);

    /// <summary>Adds to a /proc/vmstat counter (pgactivate, pgdeactivate...).</summary>
    void Count(VmCounter counter, long n = 1);

    /// <summary>shrink_slab at the end of a node shrink at <paramref name="priority"/> (12 down to 0); returns the slab pages freed.</summary>
    long ShrinkSlab(int priority) => 0;
}
