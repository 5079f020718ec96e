namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// One slab cache as /proc/slabinfo describes it: <see cref="ObjSize"/> is the
/// slot size (<c>s->size</c>, the objsize column), <see cref="ObjPerSlab"/>
/// and <see cref="Order"/> (pagesperslab = 1 &lt;&lt; order) as SLUB's
/// calculate_sizes chose them, and whether the cache is created with
/// SLAB_RECLAIM_ACCOUNT (its pages count as SReclaimable, the rest as SUnreclaim).
/// </summary>
internal readonly record struct SlabCacheSpec(string Name, int ObjSize, int ObjPerSlab, int Order, bool Reclaimable)
{
    public int PagesPerSlab => 1 << Order;
}
