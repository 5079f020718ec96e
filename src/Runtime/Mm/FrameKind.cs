namespace MemScript.Runtime.Mm;

/// <summary>
/// What a physical frame holds. The frame table keeps one counter per kind, so
/// conservation (free + anon + page cache + page tables + kernel = RAM) is a sum.
/// </summary>
internal enum FrameKind : byte
{
    Free,
    /// <summary>A private anonymous page (rmap: Owner = mm, Index = virtual page).</summary>
    Anon,
    /// <summary>A file page in the page cache (Owner = object, Index = page offset).</summary>
    File,
    /// <summary>A shmem page: shared anonymous memory or System V shm (in Cached and Shmem).</summary>
    Shmem,
    /// <summary>A page-table page (PGD, PUD, PMD or PTE) when page tables are charged.</summary>
    PageTable,
    /// <summary>Memory the kernel keeps from boot.</summary>
    Kernel,
    /// <summary>A page of the hugetlb pool (vm.nr_hugepages): 512 frames of one order-9 block, free in the pool or mapped.</summary>
    Hugetlb,
}
