namespace MemScript.Runtime.Mm.Slab;

/// <summary>One cache's /proc/slabinfo figures (SLUB: every slab is active, no tunables, no shared).</summary>
internal readonly record struct SlabInfoRow(string Name, long ActiveObjs, long NumObjs, int ObjSize, int ObjPerSlab, int PagesPerSlab, long Slabs, bool Reclaimable);
