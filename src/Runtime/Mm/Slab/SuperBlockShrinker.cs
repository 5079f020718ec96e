namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// The ext4 superblock's shrinker (fs/super.c super_cache_count and
/// super_cache_scan) driven as mm/shrinker.c do_shrink_slab drives it, as
/// arithmetic over the count of unused files: the model frees a file's dentry
/// and inode together, so each unused file is two freeable objects (one on
/// the dentry LRU, one on the inode LRU) and freeing one frees both.
/// <code>
/// do_shrink_slab(priority):
///   freeable   = super_cache_count = dentries + inodes on the LRUs (2 per unused file)
///   nr         = xchg(nr_deferred, 0)
///   delta      = (freeable &gt;&gt; priority) * 4 / seeks          (DEFAULT_SEEKS 2)
///   total_scan = min((nr &gt;&gt; priority) + delta, 2 * freeable)
///   while total_scan &gt;= 128 (SHRINK_BATCH) or total_scan &gt;= freeable:
///     nr_to_scan = min(128, total_scan)
///     super_cache_scan: dentries = nr_to_scan * D / (D + I + 1), inodes alike;
///                       prune up to dentries + 1 files
///     slabs_scanned += nr_to_scan; total_scan -= nr_to_scan
///   nr_deferred = min(max(nr + delta - scanned, 0), 2 * freeable)
/// </code>
/// vfs_cache_pressure is the default 100, so the count is not scaled.
/// </summary>
internal sealed class SuperBlockShrinker
{
    private const int ShrinkBatch = 128;
    private const int DefaultSeeks = 2;

    /// <summary>shrinker->nr_deferred: scan work left over from earlier calls.</summary>
    public long NrDeferred { get; private set; }

    /// <summary>
    /// One do_shrink_slab call at <paramref name="priority"/> over
    /// <paramref name="unusedFiles"/> files whose dentry and inode are on the
    /// LRUs: how many objects were scanned (slabs_scanned) and how many of the
    /// files to free, oldest first.
    /// </summary>
    public (long Scanned, long Files) Shrink(long unusedFiles, int priority)
    {
        var freeable = 2 * unusedFiles;
        if (freeable == 0)
        {
            return (0, 0);   // SHRINK_EMPTY: nr_deferred stays as it is
        }

        var nr = NrDeferred;
        NrDeferred = 0;
        var delta = (freeable >> priority) * 4 / DefaultSeeks;
        var totalScan = Math.Min((nr >> priority) + delta, 2 * freeable);
        long scanned = 0, files = 0;
        while (totalScan >= ShrinkBatch || totalScan >= freeable)
        {
            var nrToScan = Math.Min(ShrinkBatch, totalScan);
            var left = unusedFiles - files;
            var dentries = nrToScan * left / (2 * left + 1);   // mult_frac(nr_to_scan, dentries, total_objects)
            files += Math.Min(left, dentries + 1);
            totalScan -= nrToScan;
            scanned += nrToScan;
        }

        NrDeferred = Math.Min(Math.Max(nr + delta - scanned, 0), 2 * freeable);
        return (scanned, files);
    }
}
