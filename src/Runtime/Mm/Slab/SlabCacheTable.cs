namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// The modelled caches' figures, read from /proc/slabinfo on the Linux 6.18
/// x86-64 machine the model follows (docs/probes/slab.c, the same in three
/// runs): objsize (s->size), objperslab, pagesperslab. fs_cache is merged by
/// SLUB into a 64-byte alias cache and has no line of its own there; its
/// figures are /sys/kernel/slab/fs_cache/{slab_size,objs_per_slab,order}.
/// Reclaimable caches are those created with SLAB_RECLAIM_ACCOUNT: dentry
/// (fs/dcache.c), the filesystem's inode cache (fs/ext4/super.c) and
/// radix_tree_node (lib/radix-tree.c). The order of the table is the order
/// /proc/slabinfo prints them in (slab_caches, newest first: the kmalloc
/// caches are created at boot, so they come last; fs_cache, which has no
/// line there, stands after files_cache).
/// </summary>
internal static class SlabCacheTable
{
    public static readonly SlabCacheSpec[] Specs =
    [
        new("ext4_inode_cache", 1128, 14, 2, true),
        new("shmem_inode_cache", 752, 21, 2, false),
        new("dentry", 192, 21, 0, true),
        new("vm_area_struct", 192, 21, 0, false),
        new("files_cache", 704, 23, 2, false),
        new("fs_cache", 64, 64, 0, false),
        new("signal_cache", 1152, 14, 2, false),
        new("sighand_cache", 2112, 15, 3, false),
        new("task_struct", 5824, 5, 3, false),
        new("anon_vma_chain", 64, 64, 0, false),
        new("anon_vma", 104, 39, 0, false),
        new("radix_tree_node", 584, 14, 1, true),
        new("mm_struct", 1600, 20, 3, false),
        new("kmalloc-8k", 8192, 4, 3, false),
        new("kmalloc-4k", 4096, 8, 3, false),
        new("kmalloc-2k", 2048, 16, 3, false),
        new("kmalloc-1k", 1024, 16, 2, false),
        new("kmalloc-512", 512, 16, 1, false),
        new("kmalloc-256", 256, 16, 0, false),
        new("kmalloc-128", 128, 32, 0, false),
        new("kmalloc-64", 64, 64, 0, false),
        new("kmalloc-32", 32, 128, 0, false),
        new("kmalloc-16", 16, 256, 0, false),
        new("kmalloc-8", 8, 512, 0, false),
        new("kmalloc-192", 192, 21, 0, false),
        new("kmalloc-96", 96, 42, 0, false),
    ];

    /// <summary>The largest size kmalloc serves from a cache (KMALLOC_MAX_CACHE_SIZE, two pages).</summary>
    public const ulong KmallocMax = 8192;

    /// <summary>
    /// The kmalloc cache for <paramref name="size"/> bytes (1..8192), as
    /// kmalloc_index picks it: the power of two at or above the size, except
    /// that 65..96 bytes go to kmalloc-96 and 129..192 to kmalloc-192.
    /// </summary>
    public static SlabCache KmallocCache(ulong size) => size switch
    {
        <= 8 => SlabCache.Kmalloc8,
        <= 16 => SlabCache.Kmalloc16,
        <= 32 => SlabCache.Kmalloc32,
        <= 64 => SlabCache.Kmalloc64,
        <= 96 => SlabCache.Kmalloc96,
        <= 128 => SlabCache.Kmalloc128,
        <= 192 => SlabCache.Kmalloc192,
        <= 256 => SlabCache.Kmalloc256,
        <= 512 => SlabCache.Kmalloc512,
        <= 1024 => SlabCache.Kmalloc1k,
        <= 2048 => SlabCache.Kmalloc2k,
        <= 4096 => SlabCache.Kmalloc4k,
        _ => SlabCache.Kmalloc8k,
    };
}
