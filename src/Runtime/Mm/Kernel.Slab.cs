using MemScript.Runtime.Mm.Slab;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The slab allocator (mm/slub.c, mm/slab_common.c) as counters
/// (<see cref="SlabCounters"/>): the kernel's own objects and a driver's
/// kmalloc objects, in slabs of the cache's order taken from the buddy
/// allocator through <see cref="TakeSlabPages"/> and given back when empty.
/// What holds objects:
/// <list type="bullet">
/// <item>a process: task_struct, mm_struct, signal_cache, sighand_cache,
/// files_cache, fs_cache (<see cref="SlabNewTask"/> on exec and fork,
/// <see cref="SlabExit"/> on exit);</item>
/// <item>its VMAs: a vm_area_struct each; an anonymous private VMA that has
/// faulted (vma->anon_vma) an anon_vma and Generation + 1 anon_vma_chain
/// (<see cref="SlabSync"/>, after each system call, fork and exit, from the
/// counts the VMA operations keep: the list's length and
/// <see cref="AddressSpace.AnonVmas"/>, no walk; a VMA's anon_vma made by a
/// fault is charged at the process's next system call);</item>
/// <item>the page cache: one radix_tree_node per 64 cached pages (file and
/// shmem), counted over the whole cache; a file: a dentry and an
/// ext4_inode_cache object until drop_caches 2 or 3 or reclaim's shrink_slab
/// (Kernel.Shrinker.cs) frees them while nothing maps it and none of its pages
/// is cached (a new mmap brings them back); a
/// shmem object (System V segment, shared anonymous mapping) a
/// shmem_inode_cache object;</item>
/// <item>a driver: <c>kmalloc SIZE count N</c> and <c>kfree</c> in the
/// kmalloc cache kmalloc_index picks.</item>
/// </list>
/// New slabs are reserved as any kernel allocation is (watermarks, reclaim,
/// the OOM killer); the reclaim cost goes to <see cref="LastSyscallCostNs"/>
/// callers through <c>ref cost</c>. Nothing here runs on a page access.
/// A textbook machine (<c>pagetables free</c>) has no slab.
/// </summary>
internal sealed partial class Kernel
{
    private readonly SlabCounters _slab = new();
    private readonly Stack<int>[] _slabFrames = NewSlabFrameStacks();
    private readonly List<MmSlabCharge> _slabCharges = [];
    private readonly long[] _driverObjects = new long[SlabCacheTable.Specs.Length];
    private readonly HashSet<int> _inodesDropped = [];
    private int _slabAddDepth;

    private static Stack<int>[] NewSlabFrameStacks()
    {
        var stacks = new Stack<int>[SlabCacheTable.Specs.Length];
        for (var i = 0; i < stacks.Length; i++)
        {
            stacks[i] = new Stack<int>();
        }

        return stacks;
    }

    /// <summary>SReclaimable or SUnreclaim in pages.</summary>
    public long SlabPages(bool reclaimable) => _slab.Pages(reclaimable);

    /// <summary>The modelled caches in /proc/slabinfo's order.</summary>
    public IReadOnlyList<SlabInfoRow> SlabInfo()
    {
        var rows = new SlabInfoRow[SlabCacheTable.Specs.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var c = (SlabCache)i;
            var s = SlabCacheTable.Specs[i];
            rows[i] = new SlabInfoRow(s.Name, _slab.Active(c), _slab.Objects(c), s.ObjSize, s.ObjPerSlab, s.PagesPerSlab, _slab.Slabs(c), s.Reclaimable);
        }

        return rows;
    }

    /// <summary>
    /// mm/oom_kill.c should_dump_unreclaim_slab: unreclaimable slab pages
    /// (NR_SLAB_UNRECLAIMABLE_B) outnumber the pages on the LRU lists (active
    /// and inactive anon and file, unevictable; nothing is ever isolated here).
    /// </summary>
    public bool SlabOutweighsLru()
    {
        var lru = Lru(LruList.ActiveAnon) + Lru(LruList.InactiveAnon) + Lru(LruList.ActiveFile) + Lru(LruList.InactiveFile)
            + Lru(LruList.Unevictable);
        return _slab.Pages(reclaimable: false) > lru;
    }

    /// <summary>Active objects of one cache (tests and expectations).</summary>
    internal long SlabActive(SlabCache cache) => _slab.Active(cache);

    /// <summary>
    /// The one place slab pages come from: a block of the cache's order from
    /// the buddy allocator, or, when no block that large is free (no
    /// compaction), as many order-0 frames (SLUB would fall back to a smaller
    /// order with fewer objects per slab). Each frame goes on the cache's stack.
    /// </summary>
    private void TakeSlabPages(SlabCache cache)
    {
        var order = SlabCacheTable.Specs[(int)cache].Order;
        var frames = _slabFrames[(int)cache];
        var head = _frames.AllocateBlock(order, FrameKind.Kernel, owner: -1, GfpZone.Kernel);   // allocate_slab: one block of the cache's order
        for (var i = 0; i < 1 << order; i++)
        {
            frames.Push(head >= 0 ? head + i : _frames.Allocate(FrameKind.Kernel, owner: -1, index: 0));
        }
    }

    /// <summary>
    /// False on a textbook machine (<c>pagetables free</c>): RAM holds user
    /// pages only, so the kernel's own objects take no frames and no cache
    /// counts any (a driver's kmalloc included).
    /// </summary>
    private bool SlabCharged => Machine.PageTablesCharged;

    /// <summary>
    /// anon_vma_prepare in a fault: the VMA's anon_vma and its chains, taken
    /// from free frames without reclaim (the fault reserved only its own
    /// pages); when too few are free they are charged at the process's next
    /// system call instead.
    /// </summary>
    private void SlabAnonVmaFault(AddressSpace m)
    {
        if (!SlabCharged)
        {
            return;
        }

        var charge = ChargeOf(m.Id);
        var chains = charge.Generation + 1;
        if (_frames.FreeFrames < 2)
        {
            return;
        }

        long cost = 0;
        charge.AnonVmas++;
        charge.Chains += chains;
        SlabAdd(SlabCache.AnonVma, 1, ref cost, reserve: false);
        SlabAdd(SlabCache.AnonVmaChain, chains, ref cost, reserve: false);
    }

    /// <summary>
    /// Changes a cache's active objects by <paramref name="delta"/> and fits
    /// its slabs to them; new slabs are reserved first unless the caller
    /// knows they are free (<paramref name="reserve"/> false).
    /// </summary>
    private void SlabAdd(SlabCache cache, long delta, ref long cost, bool reserve = true)
    {
        if (delta == 0 || !SlabCharged)
        {
            return;
        }

        _slabAddDepth++;
        try
        {
            FitSlabs(cache, delta, ref cost, reserve);
        }
        finally
        {
            _slabAddDepth--;
        }
    }

    private void FitSlabs(SlabCache cache, long delta, ref long cost, bool reserve)
    {
        var pps = SlabCacheTable.Specs[(int)cache].PagesPerSlab;
        // Objects fill the free room first; then one new slab at a time, as
        // allocate_slab does: each is a kernel allocation that may reclaim or
        // call the OOM killer (whose victim's exit frees objects, so the room
        // is measured again after).
        for (var remaining = Math.Max(delta, 0); remaining > 0;)
        {
            var room = _slab.Objects(cache) - _slab.Active(cache);
            if (room <= 0 && reserve)
            {
                Reserve(-1, pps, ref cost, gfp: GfpZone.Kernel);
                room = _slab.Objects(cache) - _slab.Active(cache);
            }

            if (room <= 0)
            {
                TakeSlabPages(cache);
                _slab.AddSlabs(cache, 1);
                room = _slab.Objects(cache) - _slab.Active(cache);
            }

            var take = Math.Min(room, remaining);
            _slab.AddActive(cache, take);
            remaining -= take;
        }

        if (delta < 0)
        {
            _slab.AddActive(cache, delta);
        }

        var frames = _slabFrames[(int)cache];
        while (_slab.SlabsWanted(cache) < _slab.Slabs(cache))
        {
            for (var i = 0; i < pps; i++)
            {
                _frames.Free(frames.Pop());
            }

            _slab.AddSlabs(cache, -1);
        }
    }

    private MmSlabCharge ChargeOf(int mm)
    {
        while (_slabCharges.Count <= mm)
        {
            _slabCharges.Add(new MmSlabCharge());
        }

        return _slabCharges[mm];
    }

    /// <summary>copy_process (and exec's new mm): the task's objects; a fork child's VMAs too.</summary>
    private void SlabNewTask(int mm, int parent, ref long cost)
    {
        var charge = ChargeOf(mm);
        charge.Task = true;
        charge.Generation = parent >= 0 ? ChargeOf(parent).Generation + 1 : 0;
        SlabAdd(SlabCache.TaskStruct, 1, ref cost);
        SlabAdd(SlabCache.MmStruct, 1, ref cost);
        SlabAdd(SlabCache.SignalCache, 1, ref cost);
        SlabAdd(SlabCache.SighandCache, 1, ref cost);
        SlabAdd(SlabCache.FilesCache, 1, ref cost);
        SlabAdd(SlabCache.FsCache, 1, ref cost);
        SyncVmaObjects(mm, ref cost);
        SyncCacheObjects(ref cost);
    }

    /// <summary>exit: the task's objects and its VMAs' go back to their caches.</summary>
    private void SlabExit(int mm)
    {
        long cost = 0;
        var charge = ChargeOf(mm);
        if (charge.Task)
        {
            charge.Task = false;
            SlabAdd(SlabCache.TaskStruct, -1, ref cost);
            SlabAdd(SlabCache.MmStruct, -1, ref cost);
            SlabAdd(SlabCache.SignalCache, -1, ref cost);
            SlabAdd(SlabCache.SighandCache, -1, ref cost);
            SlabAdd(SlabCache.FilesCache, -1, ref cost);
            SlabAdd(SlabCache.FsCache, -1, ref cost);
        }

        SyncVmaObjects(mm, ref cost);
        SyncCacheObjects(ref cost);
    }

    /// <summary>
    /// After a system call of <paramref name="mm"/>: charges its VMAs'
    /// objects and the page cache's to their caches. The reclaim it took is
    /// added to <see cref="LastSyscallCostNs"/>.
    /// </summary>
    public void SlabSync(int mm)
    {
        long cost = 0;
        if (mm >= 0)
        {
            SyncVmaObjects(mm, ref cost);
        }

        SyncCacheObjects(ref cost);
        LastSyscallCostNs += cost;
    }

    private void SyncVmaObjects(int mm, ref long cost)
    {
        var m = _mms[mm];
        var charge = ChargeOf(mm);
        var vmas = m.Alive ? m.Vmas.Count : 0;
        var anon = m.Alive ? m.AnonVmas : 0;
        var chains = anon * (charge.Generation + 1);
        long dv = vmas - charge.Vmas, da = anon - charge.AnonVmas, dc = chains - charge.Chains;
        charge.Vmas = vmas;
        charge.AnonVmas = anon;
        charge.Chains = chains;
        SlabAdd(SlabCache.VmAreaStruct, dv, ref cost);
        SlabAdd(SlabCache.AnonVma, da, ref cost);
        SlabAdd(SlabCache.AnonVmaChain, dc, ref cost);
    }

    /// <summary>Page-cache tree nodes, file dentries and inodes, shmem inodes.</summary>
    private void SyncCacheObjects(ref long cost)
    {
        long files = 0, shmem = 0;
        foreach (var obj in _objects)
        {
            if (obj.Destroyed)
            {
                continue;
            }

            if (obj.IsShmem)
            {
                shmem++;
            }
            else if (obj.MapRefs > 0 || !_inodesDropped.Contains(obj.Id))
            {
                _inodesDropped.Remove(obj.Id);
                files++;
            }
        }

        var cached = _frames.Count(FrameKind.File) + _frames.Count(FrameKind.Shmem);
        SlabAdd(SlabCache.RadixTreeNode, (cached + 63) / 64 - _slab.Active(SlabCache.RadixTreeNode), ref cost);
        SlabAdd(SlabCache.Dentry, files - _slab.Active(SlabCache.Dentry), ref cost);
        SlabAdd(SlabCache.Ext4InodeCache, files - _slab.Active(SlabCache.Ext4InodeCache), ref cost);
        SlabAdd(SlabCache.ShmemInodeCache, shmem - _slab.Active(SlabCache.ShmemInodeCache), ref cost);
    }

    /// <summary>
    /// <c>kmalloc SIZE count N</c>: N objects of the kmalloc cache for SIZE
    /// (1 byte to 8 KiB). Throws <see cref="OutOfMemoryPanicException"/> as
    /// <see cref="PinKernelPages"/> does; the reclaim cost is left in <see cref="LastSyscallCostNs"/>.
    /// </summary>
    public static string KmallocCacheName(ulong size) => SlabCacheTable.Specs[(int)SlabCacheTable.KmallocCache(size)].Name;

    public void Kmalloc(ulong size, long count)
    {
        long cost = 0;
        var cache = SlabCacheTable.KmallocCache(size);
        _driverObjects[(int)cache] += count;
        SlabAdd(cache, count, ref cost);
        LastSyscallCostNs = cost;
    }

    /// <summary><c>kfree SIZE count N</c>: up to N of the driver's objects of that cache; returns how many were freed.</summary>
    public long Kfree(ulong size, long count, out string cacheName)
    {
        long cost = 0;
        var cache = SlabCacheTable.KmallocCache(size);
        cacheName = SlabCacheTable.Specs[(int)cache].Name;
        var freed = Math.Min(count, _driverObjects[(int)cache]);
        _driverObjects[(int)cache] -= freed;
        SlabAdd(cache, -freed, ref cost);
        return freed;
    }
}
