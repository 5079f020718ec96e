namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// A page-replacement policy (the <c>reclaim</c> setting): which resident
/// pages go when the kernel needs frames. Each policy is one file with its
/// algorithm in a comment at the top. The kernel tells the policy about every
/// evictable page (anon, file page cache, shmem) as it is allocated
/// (<see cref="Added"/>, in page-fault order) and freed
/// (<see cref="Removed"/>: unmapped, exited, dropped, or evicted by the
/// policy itself), and, when <see cref="TracksAccesses"/> is true, about
/// every access to a resident page (<see cref="Accessed"/>; the linux policy
/// reads the PTE accessed bits through the reverse map instead). When frames
/// are needed, <see cref="Reclaim"/> chooses victims and hands each to
/// <see cref="IReclaimContext.Evict"/>, which unmaps it from every process and
/// frees it. Per-frame state lives in arrays indexed by frame number: nothing
/// is allocated per access.
/// </summary>
internal interface IReclaimPolicy
{
    /// <summary>The setting's spelling: linux, lru, fifo, clock, random, opt.</summary>
    string Name { get; }

    /// <summary>True when <see cref="Accessed"/> must be called on every access to a resident page.</summary>
    bool TracksAccesses { get; }

    /// <summary>An evictable frame was allocated (a fault, read-around, swap-in, a COW copy).</summary>
    void Added(int pfn);

    /// <summary>An evictable frame was freed, for whatever reason (including <see cref="IReclaimContext.Evict"/>).</summary>
    void Removed(int pfn);

    /// <summary>An access to the resident page in <paramref name="pfn"/> (hit or the access that faulted it in).</summary>
    void Accessed(int pfn);

    /// <summary>
    /// Frees up to <paramref name="nrToReclaim"/> frames by evicting pages
    /// through <paramref name="context"/>; returns how many were freed and how
    /// many pages were scanned (looked at as candidates) to find them.
    /// Fewer than asked means nothing more can go now.
    /// </summary>
    ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim);
}
