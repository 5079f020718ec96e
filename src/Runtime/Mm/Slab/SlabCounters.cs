namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// The state of every modelled cache as counters, never one host object per
/// kernel object: active objects and slabs. Objects pack into the fewest
/// slabs (ceil(active / objperslab)), so at most the last slab is partly
/// full, and a slab is given back to the buddy allocator as soon as it is
/// empty. SLUB keeps up to min_partial (5, or 6 for task_struct and
/// kmalloc-4k/8k on this machine) partial slabs per node, empty ones
/// included, and spreads objects over per-CPU slabs; docs/model-notes.md.
/// </summary>
internal sealed class SlabCounters
{
    private readonly long[] _active = new long[SlabCacheTable.Specs.Length];
    private readonly long[] _slabs = new long[SlabCacheTable.Specs.Length];

    public long Active(SlabCache cache) => _active[(int)cache];

    public long Slabs(SlabCache cache) => _slabs[(int)cache];

    public long Objects(SlabCache cache) => _slabs[(int)cache] * SlabCacheTable.Specs[(int)cache].ObjPerSlab;

    public void AddActive(SlabCache cache, long delta) => _active[(int)cache] = Math.Max(0, _active[(int)cache] + delta);

    public void AddSlabs(SlabCache cache, long delta) => _slabs[(int)cache] += delta;

    /// <summary>The slabs the cache's active objects need.</summary>
    public long SlabsWanted(SlabCache cache)
    {
        var per = SlabCacheTable.Specs[(int)cache].ObjPerSlab;
        return (_active[(int)cache] + per - 1) / per;
    }

    /// <summary>Pages held by the caches that are (or are not) SLAB_RECLAIM_ACCOUNT.</summary>
    public long Pages(bool reclaimable)
    {
        long pages = 0;
        for (var i = 0; i < _slabs.Length; i++)
        {
            var spec = SlabCacheTable.Specs[i];
            if (spec.Reclaimable == reclaimable)
            {
                pages += _slabs[i] * spec.PagesPerSlab;
            }
        }

        return pages;
    }
}
