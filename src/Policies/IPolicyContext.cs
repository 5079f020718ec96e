namespace MemScript.Policies;

/// <summary>
/// What a policy may ask of the kernel. Pages are <see cref="PageRef"/>s the
/// policy was given by <see cref="IReclaimPolicy.Added"/> and not yet
/// <see cref="IReclaimPolicy.Removed"/>.
/// </summary>
public interface IPolicyContext
{
    /// <summary>Simulated time in nanoseconds.</summary>
    long NowNs { get; }

    /// <summary>What the page holds.</summary>
    PageKind Kind(PageRef page);

    /// <summary>True when the page differs from its backing (a file page to write back, an anon page not in swap).</summary>
    bool IsDirty(PageRef page);

    /// <summary>How many page-table entries map the page (processes mapping it).</summary>
    int MapCount(PageRef page);

    /// <summary>False: pinned (mlocked), or anon/shmem and swap full or absent.</summary>
    bool CanEvict(PageRef page);

    /// <summary>
    /// The PTE accessed bits, as folio_referenced() reads them: true when any
    /// mapping touched the page since the last test, and clears them all. A
    /// fault leaves its page referenced (the PTE is young).
    /// </summary>
    bool TestAndClearReferenced(PageRef page);

    /// <summary>vm.swappiness now (0..200).</summary>
    int Swappiness { get; }

    /// <summary>Free frames now.</summary>
    long FreePages { get; }

    /// <summary>Free swap slots now.</summary>
    long SwapFreePages { get; }

    /// <summary>Seeded by the machine's seed: the only randomness allowed.</summary>
    IRandom Random { get; }

    /// <summary>
    /// A stable name of the page's contents (its address space or object and
    /// its offset): a page read back after eviction has the same key in
    /// another frame, as the kernel's shadow entries recognise a refault.
    /// Ghost lists (S3-FIFO, ARC) keep these.
    /// </summary>
    long ContentKey(PageRef page) => page.Id;

    /// <summary>
    /// Counts <paramref name="pages"/> pages as scanned (pgscan) in the reclaim
    /// pass under way. A pass counts at least the pages it evicted; a policy
    /// that looks at more pages than it evicts (second chances, pages that
    /// cannot go) says so here to show the kernel's pgscan.
    /// </summary>
    void Scanned(int pages = 1) { }
}
