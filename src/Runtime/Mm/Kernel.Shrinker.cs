using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.Mm.Slab;

namespace MemScript.Runtime.Mm;

/// <summary>
/// shrink_slab (mm/shrinker.c) under memory pressure and for drop_caches 2.
/// The one shrinker the model has is the filesystem's superblock shrinker
/// (<see cref="SuperBlockShrinker"/>): the dentries and inodes of files that
/// no VMA maps and that have no page in the page cache. The reclaim policy
/// calls <see cref="ShrinkSlab"/> at the end of each node shrink, as
/// shrink_node does after shrink_lruvec (the linux policy once per priority
/// it reclaims at); a policy without priorities gets one call per reclaim
/// pass from <see cref="FlushReclaimState"/>, at DEF_PRIORITY, or at 0 when
/// the pass fell short (the kernel's loop went down to 0). Slab pages freed
/// count as reclaimed for the pass (flush_reclaim_state), not in pgsteal.
/// radix_tree_node follows the page cache, shmem_inode_cache its segments:
/// neither is shrunk here. A reclaim that a new slab's allocation started
/// does not shrink the caches (the counts being fitted stay as they are). Costs one walk over the files per call, nothing
/// per page.
/// </summary>
internal sealed partial class Kernel
{
    private const int DefPriority = 12;

    private readonly SuperBlockShrinker _superShrinker = new();
    private long _slabPagesReclaimed;
    private bool _slabShrunkInPass;

    long IReclaimContext.ShrinkSlab(int priority) => ShrinkSlab(nodeId: 0, priority);

    /// <summary>
    /// shrink_slab(nid, priority) after a node's LRU shrink: one
    /// do_shrink_slab of the superblock shrinker; the files it frees give
    /// their dentry and inode back (slabs that empty go to the buddy
    /// allocator). Returns the slab pages freed.
    /// </summary>
    internal long ShrinkSlab(int nodeId, int priority)
    {
        _slabShrunkInPass = true;
        if (!SlabCharged || _slabAddDepth > 0 || _slab.Active(SlabCache.Dentry) == 0)
        {
            return 0;   // no slab, or inside a slab's allocation; or no dentry at all: SHRINK_EMPTY without a walk
        }

        var (scanned, files) = _superShrinker.Shrink(UnusedFiles(), priority);
        _vmstat[(int)VmCounter.slabs_scanned] += scanned;
        var pages = files > 0 ? FreeUnusedFiles(files) : 0;
        _slabPagesReclaimed += pages;
        return pages;
    }

    /// <summary>
    /// After a reclaim pass of <paramref name="pages"/> pages: shrinks slab for
    /// a policy that did not, and adds the slab pages the pass freed to what it reclaimed.
    /// </summary>
    private ReclaimTally FlushReclaimState(ReclaimTally tally, int pages)
    {
        if (!_slabShrunkInPass)
        {
            ShrinkSlab(nodeId: 0, tally.Reclaimed < pages ? 0 : DefPriority);
        }

        var slab = (int)Math.Min(_slabPagesReclaimed, int.MaxValue);
        _slabPagesReclaimed = 0;
        _slabShrunkInPass = false;
        return tally with { Reclaimed = tally.Reclaimed + slab };
    }

    /// <summary>A file whose dentry and inode are on the LRUs: declared, not dropped, mapped by no VMA, no page cached.</summary>
    private bool IsUnusedFile(MemObject obj) =>
        !obj.Destroyed && !obj.IsShmem && obj.MapRefs == 0 && obj.CachedPages == 0 && !_inodesDropped.Contains(obj.Id);

    private long UnusedFiles()
    {
        long n = 0;
        foreach (var obj in _objects)
        {
            n += IsUnusedFile(obj) ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// Frees the dentry and inode of the first <paramref name="files"/> unused
    /// files (the LRU's oldest, in declaration order); returns the slab pages freed.
    /// </summary>
    private long FreeUnusedFiles(long files)
    {
        var before = _slab.Pages(reclaimable: true);
        long freed = 0, cached = 0;
        foreach (var obj in _objects)
        {
            if (freed < files && IsUnusedFile(obj))
            {
                _inodesDropped.Add(obj.Id);
                freed++;
            }

            cached += !obj.Destroyed && !obj.IsShmem && (obj.MapRefs > 0 || !_inodesDropped.Contains(obj.Id)) ? 1 : 0;
        }

        // Only what left: objects not yet charged (a file declared since the last sync) are charged there.
        long cost = 0;
        SlabAdd(SlabCache.Dentry, Math.Min(0, cached - _slab.Active(SlabCache.Dentry)), ref cost);
        SlabAdd(SlabCache.Ext4InodeCache, Math.Min(0, cached - _slab.Active(SlabCache.Ext4InodeCache)), ref cost);
        return before - _slab.Pages(reclaimable: true);
    }

    /// <summary>
    /// drop_caches 2 (drop_slab): shrink_slab at priority 0 until a round frees
    /// almost nothing (<c>(freed &gt;&gt; shift++) &gt; 1</c>). Returns the
    /// dentry and inode objects freed.
    /// </summary>
    public long DropSlab()
    {
        long objects = 0;
        var shift = 0;
        long freed;
        do
        {
            var before = _slab.Active(SlabCache.Dentry) + _slab.Active(SlabCache.Ext4InodeCache);
            ShrinkSlab(nodeId: 0, priority: 0);
            freed = before - _slab.Active(SlabCache.Dentry) - _slab.Active(SlabCache.Ext4InodeCache);
            objects += freed;
        }
        while ((freed >> shift++) > 1);

        _slabPagesReclaimed = 0;
        _slabShrunkInPass = false;
        return objects;
    }
}
