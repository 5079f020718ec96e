namespace MemScript.Runtime.Mm;

/// <summary>
/// The frame allocator: a buddy allocator as in mm/page_alloc.c, orders
/// 0..<see cref="MaxOrder"/> (11 free lists, the 11 columns of
/// /proc/buddyinfo, with 4 KiB pages; 12 with 16 KiB, 14 with 64 KiB). Free blocks are linked through the first frame's
/// <see cref="PageFrame.LruPrev"/>/<see cref="PageFrame.LruNext"/> (doubly, so
/// a buddy leaves its list in O(1) when it merges); that frame carries
/// <see cref="FrameFlags.Buddy"/> and its order in <see cref="PageFrame.Index"/>;
/// every frame of a free block has kind Free. An allocation takes the head of
/// the smallest non-empty list and splits it as expand() does (the upper
/// halves go back on their lists); a free merges with the buddy
/// <c>pfn ^ (1 &lt;&lt; order)</c> while that is a free block of the same order.
/// Frames live in chunks of 64 Ki structs created when a block in them is
/// first handed out, so a large machine that touches little stays small on the
/// host: RAM above the bump pointer is free max-order blocks that exist only
/// as a count (<see cref="BuddyBlocks"/> adds them arithmetically) and are
/// materialized one block at a time, after the blocks already on the lists.
/// Frames below the kernel's boot reservation are never free nor materialized;
/// the free frames between it and the next max-order boundary, and those after
/// the last whole max-order block, are cut into aligned blocks as the boot
/// allocator frees them (the largest order the alignment allows). Each
/// populated zone (Zones/ZoneLayout.cs) has its own free lists, bump pointer
/// and free count; zone boundaries are max-order aligned, so a buddy never
/// crosses one. An allocation walks its zonelist (highest zone first) and
/// takes from the first zone above its low watermark plus the lowmem_reserve
/// the allocation must leave there, as get_page_from_freelist does; a
/// one-zone machine skips the walk. Anon, file
/// and shmem frames join the head of their inactive LRU list when allocated
/// and leave it when freed, telling the reclaim policy. The free lists
/// themselves are in FrameTable.Buddy.cs.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>MAX_PAGE_ORDER with 4 KiB pages: blocks of 1024 frames, 4 MiB.</summary>
    public const int DefaultMaxOrder = 10;

    /// <summary>The largest order (MAX_PAGE_ORDER, <see cref="TopOrder"/>): 10 with 4 KiB pages (4 MiB blocks), 11 with 16 KiB (32 MiB), 13 with 64 KiB (512 MiB).</summary>
    public readonly int MaxOrder;

    private readonly int Orders;
    private readonly int MaxOrderFrames;
    private const int ChunkShift = 16;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private readonly PageFrame[]?[] _chunks;
    private readonly long[] _byKind = new long[Enum.GetValues<FrameKind>().Length];

    /// <summary>Free list heads and block counts, <c>[zone * Orders + order]</c> over the populated zones.</summary>
    private readonly int[] _freeHead;
    private readonly long[] _freeBlocks;

    /// <summary>Per populated zone: the first frame that can be free, its end, the end of its whole max-order blocks, the bump pointer, free pages.</summary>
    private readonly int[] _zoneLo;
    private readonly int[] _zoneEnd;
    private readonly int[] _zoneWholeEnd;
    private readonly int[] _zoneBump;
    private readonly long[] _zoneFree;

    /// <summary>Per <see cref="Zones.GfpZone"/>: the populated zones it walks, highest first, and the free pages each must keep (low + lowmem_reserve, then min + lowmem_reserve).</summary>
    private int[][] _zonelist;
    private readonly long[][] _lowMark;
    private readonly long[][] _minMark;

    public FrameTable(long totalFrames, long kernelFrames)
        : this(totalFrames, kernelFrames, null)
    {
    }

    public FrameTable(long totalFrames, long kernelFrames, Zones.ZoneLayout? layout, int maxOrder = DefaultMaxOrder)
    {
        MaxOrder = maxOrder;
        Orders = maxOrder + 1;
        MaxOrderFrames = 1 << maxOrder;
        if (totalFrames > int.MaxValue / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(totalFrames), "RAM larger than 4 TiB is not modelled");
        }

        kernelFrames = Math.Min(kernelFrames, totalFrames);
        TotalFrames = totalFrames;
        KernelFrames = kernelFrames;
        _chunks = new PageFrame[]?[(totalFrames + ChunkMask) >> ChunkShift];
        _byKind[(int)FrameKind.Kernel] = kernelFrames;
        _byKind[(int)FrameKind.Free] = totalFrames - kernelFrames;

        var populated = new List<Zones.Zone>();
        if (layout is not null)
        {
            foreach (var zone in layout.Zones)
            {
                if (zone.Populated)
                {
                    populated.Add(zone);
                }
            }
        }

        var spans = populated.Count > 0
            ? populated.ConvertAll(z => (z.StartPfn, z.EndPfn))
            : [(0L, totalFrames)];
        var n = spans.Count;
        Layout = layout;
        PopulatedZones = populated;
        _freeHead = new int[n * Orders];
        Array.Fill(_freeHead, -1);
        _freeBlocks = new long[n * Orders];
        _zoneLo = new int[n];
        _zoneEnd = new int[n];
        _zoneWholeEnd = new int[n];
        _zoneBump = new int[n];
        _zoneFree = new long[n];
        for (var z = 0; z < n; z++)
        {
            var (start, end) = spans[z];
            var lo = (int)Math.Clamp(kernelFrames, start, end);
            _zoneLo[z] = lo;
            _zoneEnd[z] = (int)end;
            _zoneWholeEnd[z] = (int)Math.Max(lo, end & ~(long)(MaxOrderFrames - 1));
            _zoneBump[z] = lo;
            _zoneFree[z] = end - lo;
            var firstBoundary = (int)Math.Min((lo + MaxOrderFrames - 1) & ~(long)(MaxOrderFrames - 1), end);
            if (firstBoundary > lo)
            {
                Materialize(z, lo, firstBoundary);
            }
        }

        var classes = Enum.GetValues<Zones.GfpZone>().Length;
        _zonelist = new int[classes][];
        _lowMark = new long[classes][];
        _minMark = new long[classes][];
        for (var c = 0; c < classes; c++)
        {
            _lowMark[c] = new long[n];
            _minMark[c] = new long[n];
            var highest = layout is null ? 0 : HighestZoneIndex(layout, (Zones.GfpZone)c);
            var list = new List<int>();
            for (var z = n - 1; z >= 0; z--)
            {
                if (populated.Count == 0 || populated[z].Index <= highest)
                {
                    list.Add(z);
                }
            }

            _zonelist[c] = list.Count > 0 ? [.. list] : [0];
        }

        Lru = new LruLists(layout?.Nodes.Count ?? 1);
        SetWatermarks();
        if (layout is not null && layout.Nodes.Count > 1)
        {
            SetUpNodes(layout);
        }
    }

    public long TotalFrames { get; }

    /// <summary>The zones the table was laid out with (null: one zone, no watermarks per zone).</summary>
    public Zones.ZoneLayout? Layout { get; }

    /// <summary>The populated zones in index order; the zone numbers the per-zone queries take.</summary>
    public IReadOnlyList<Zones.Zone> PopulatedZones { get; }

    /// <summary>The reclaim policy, told of every evictable frame allocated and freed (set once by the kernel).</summary>
    public Reclaim.IReclaimPolicy? Policy { get; set; }

    /// <summary>The LRU lists every anon, file and shmem frame is on: one set per node, a page on its frame's node's.</summary>
    public LruLists Lru { get; }

    /// <summary>Frames reserved at boot: numbers [0, KernelFrames), never materialized.</summary>
    public long KernelFrames { get; }

    /// <summary>Every materialized frame is below this (see <see cref="Materialized"/> for the holes a zone's untouched RAM leaves).</summary>
    public int HighWater
    {
        get
        {
            var high = (int)KernelFrames;
            for (var z = 0; z < _zoneBump.Length; z++)
            {
                if (_zoneBump[z] > _zoneLo[z])
                {
                    high = Math.Max(high, _zoneBump[z]);
                }
            }

            return high;
        }
    }

    /// <summary>Free pages on the buddy lists (NR_FREE_PAGES, MemFree): the free frames less those on the per-CPU lists.</summary>
    public long FreeFrames => _byKind[(int)FrameKind.Free] - _pcpTotal;

    /// <summary>Frames the operation in progress still needs in all (populate sets it), for the out-of-frames message.</summary>
    public long PendingNeed { get; set; } = 1;

    public long Count(FrameKind kind) => _byKind[(int)kind];

    public ref PageFrame this[int pfn] => ref _chunks[pfn >> ChunkShift]![pfn & ChunkMask];

    /// <summary>
    /// Asks the host to bring frame <paramref name="pfn"/>'s struct into its
    /// cache (both lines it can span: 40 bytes). A hint: nothing for a frame not materialized.
    /// </summary>
    public void Prefetch(int pfn)
    {
        if ((uint)(pfn >> ChunkShift) < (uint)_chunks.Length && _chunks[pfn >> ChunkShift] is { } chunk)
        {
            HostPrefetch.Struct(chunk, pfn & ChunkMask);
        }
    }

    /// <summary>Whether frame <paramref name="pfn"/> exists as a struct (reserved at boot and untouched RAM do not).</summary>
    public bool Materialized(int pfn)
    {
        if (pfn < 0)
        {
            return false;
        }

        var z = ZoneOf(pfn);
        return z >= 0 && pfn >= _zoneLo[z] && pfn < _zoneBump[z];
    }

    /// <summary>The frames of populated zone <paramref name="zone"/> that exist as structs: [Lo, Bump).</summary>
    public (int Lo, int Bump) MaterializedRange(int zone) => (_zoneLo[zone], _zoneBump[zone]);

    /// <summary>Free pages of populated zone <paramref name="zone"/> (NR_FREE_PAGES of the zone).</summary>
    public long ZoneFree(int zone) => _zoneFree[zone];

    /// <summary>The populated zone frame <paramref name="pfn"/> lies in, -1 past RAM.</summary>
    public int ZoneOf(int pfn)
    {
        var z = 0;
        while (z < _zoneEnd.Length && pfn >= _zoneEnd[z])
        {
            z++;
        }

        return z < _zoneEnd.Length ? z : -1;
    }

    /// <summary>Takes a free frame for <paramref name="kind"/>; <paramref name="stillNeeded"/> feeds the out-of-frames message.</summary>
    public int Allocate(FrameKind kind, int owner, long index, long stillNeeded = 1) =>
        Allocate(kind, owner, index, kind is FrameKind.PageTable or FrameKind.Kernel ? Zones.GfpZone.Kernel : Zones.GfpZone.HighUser, stillNeeded);

    /// <summary>Takes a free frame for <paramref name="kind"/> from the zones <paramref name="gfp"/> allows.</summary>
    public int Allocate(FrameKind kind, int owner, long index, Zones.GfpZone gfp, long stillNeeded = 1) =>
        _numa ? AllocateOnNode(kind, owner, index, gfp, stillNeeded) : AllocateFromList(kind, owner, index, gfp, stillNeeded);

    /// <summary>Allocate from the zonelist in force (the only one on a one-node machine).</summary>
    private int AllocateFromList(FrameKind kind, int owner, long index, Zones.GfpZone gfp, long stillNeeded)
    {
        var list = _zonelist[(int)gfp];
        var z = list[0];
        if (list.Length > 1 && _zoneFree[z] <= _lowMark[(int)gfp][z])
        {
            z = PickZone(gfp, 0);
        }

        var head = z * Orders;
        int pfn;
        if (_pcp)
        {
            if (z < 0 || (pfn = PcpTake(z)) < 0)
            {
                throw OutOfFrames(stillNeeded);
            }
        }
        else if ((pfn = z < 0 ? -1 : _freeHead[head]) >= 0)
        {
            // The hot case, an order-0 block at the head of its list: unlinked here without the
            // stores Unlink makes, since the frame is overwritten below.
            var next = this[pfn].LruNext;
            _freeHead[head] = next;
            if (next >= 0)
            {
                this[next].LruPrev = -1;
            }

            _freeBlocks[head]--;
        }
        else if (z < 0 || (pfn = TakeBlock(z, 0)) < 0)
        {
            throw OutOfFrames(stillNeeded);
        }

        ref var frame = ref this[pfn];
        frame = new PageFrame { Kind = kind, Owner = owner, Index = index, LruPrev = -1, LruNext = -1 };
        if (!_pcp)
        {
            _zoneFree[z]--;
        }

        _allocatedPages++;
        _byKind[(int)FrameKind.Free]--;
        _byKind[(int)kind]++;
        if (kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem)
        {
            Lru.AddHead(this, pfn, NodeOfZone(z), LruLists.InactiveFor(kind));
            Policy?.Added(pfn);
        }

        return pfn;
    }

    private OutOfFramesException OutOfFrames(long stillNeeded)
    {
        var needed = Math.Max(Math.Max(1, stillNeeded), PendingNeed);
        return new OutOfFramesException(
            $"no free frame: the operation needed {needed} more {(needed == 1 ? "frame" : "frames")} than RAM has; the kernel reclaims before it allocates, so this is an internal error");
    }

    /// <summary>
    /// An order-<paramref name="order"/> block for a large anonymous folio (a transparent huge
    /// page): each frame an anon frame of <paramref name="owner"/> at pages
    /// <paramref name="index"/>.., flagged <see cref="FrameFlags.Thp"/>, on the inactive anon
    /// list. -1 when no free block of that order or above exists (no compaction).
    /// </summary>
    public int AllocateLarge(int order, int owner, long index)
    {
        var head = TakeBlockFrom(Zones.GfpZone.HighUser, order);
        if (head < 0)
        {
            return -1;
        }

        var node = NodeOf(head);
        for (var i = 0; i < 1 << order; i++)
        {
            var pfn = head + i;
            ref var frame = ref this[pfn];
            frame = new PageFrame { Kind = FrameKind.Anon, Owner = owner, Index = index + i, LruPrev = -1, LruNext = -1, Flags = FrameFlags.Thp, MapCount = 1 };
            _byKind[(int)FrameKind.Free]--;
            _byKind[(int)FrameKind.Anon]++;
            Lru.AddHead(this, pfn, node, LruLists.InactiveFor(FrameKind.Anon));
            Policy?.Added(pfn);
        }

        return head;
    }

    /// <summary>
    /// An order-<paramref name="order"/> block of kernel memory (a slab, a kernel stack) from
    /// the zones <paramref name="gfp"/> allows: each frame of kind <paramref name="kind"/>
    /// owned by <paramref name="owner"/>, on no LRU list. -1 when no zone has a free block of
    /// that order or above. <see cref="FreeBlock"/> gives it back.
    /// </summary>
    public int AllocateBlock(int order, FrameKind kind, int owner, Zones.GfpZone gfp)
    {
        if (order == 0 && _pcp)
        {
            var list = _zonelist[(int)gfp];
            var z = list.Length == 1 ? list[0] : PickZone(gfp, 0);
            var pfn = z < 0 ? -1 : PcpTake(z);
            if (pfn >= 0)
            {
                this[pfn] = new PageFrame { Kind = kind, Owner = owner, LruPrev = -1, LruNext = -1 };
                _byKind[(int)FrameKind.Free]--;
                _byKind[(int)kind]++;
            }

            return pfn;
        }

        var head = TakeBlockFrom(gfp, order);
        if (head < 0 && DrainPcp() > 0)
        {
            head = TakeBlockFrom(gfp, order);   // the slow path drains the per-CPU lists and retries (drain_all_pages)
        }

        if (head < 0)
        {
            return -1;
        }

        for (var i = 0; i < 1 << order; i++)
        {
            this[head + i] = new PageFrame { Kind = kind, Owner = owner, Index = i, LruPrev = -1, LruNext = -1 };
        }

        _byKind[(int)FrameKind.Free] -= 1 << order;
        _byKind[(int)kind] += 1 << order;
        return head;
    }

    /// <summary>Frees the 2^<paramref name="order"/> frames from <paramref name="head"/> (a block <see cref="AllocateBlock"/> gave).</summary>
    /// <remarks>An order-0 block goes to the per-CPU list as any page; a larger one straight to the buddy lists.</remarks>
    public void FreeBlock(int head, int order)
    {
        if (order == 0)
        {
            Free(head);
            return;
        }

        var z = ZoneOf(head);
        for (var i = 0; i < 1 << order; i++)
        {
            ref var frame = ref this[head + i];
            _byKind[(int)frame.Kind]--;
            _byKind[(int)FrameKind.Free]++;
            frame = new PageFrame { Kind = FrameKind.Free, Owner = -1, LruPrev = -1, LruNext = -1 };
            FreeToBuddy(z, head + i);
        }
    }

    public void Free(int pfn)
    {
        ref var frame = ref this[pfn];
        var z = _zoneEnd.Length == 1 ? 0 : ZoneOf(pfn);
        if (frame.Kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem)
        {
            Policy?.Removed(pfn);
            Lru.Remove(this, pfn, NodeOfZone(z), LruLists.ListOf(frame));
        }

        _byKind[(int)frame.Kind]--;
        _byKind[(int)FrameKind.Free]++;
        frame = new PageFrame { Kind = FrameKind.Free, Owner = -1, LruPrev = -1, LruNext = -1 };
        if (_pcp)
        {
            PcpFree(z, pfn);
            return;
        }

        FreeToBuddy(z, pfn);
    }

    /// <summary>__free_one_page: frame <paramref name="pfn"/> of zone <paramref name="z"/> (already of kind Free) merges with its free buddies onto the buddy lists.</summary>
    private void FreeToBuddy(int z, int pfn)
    {
        _zoneFree[z]++;
        var lo = _zoneLo[z];
        var bump = _zoneBump[z];
        var order = 0;
        while (order < MaxOrder)
        {
            var buddy = pfn ^ (1 << order);
            if (buddy < lo || buddy >= bump)
            {
                break;
            }

            ref var b = ref this[buddy];
            if ((b.Flags & FrameFlags.Buddy) == 0 || b.Index != order)
            {
                break;
            }

            Unlink(z, buddy, order);
            pfn &= ~(1 << order);
            order++;
        }

        Push(z, pfn, order);
    }

    /// <summary>Counts frames by kind from the frames themselves (for the self-check).</summary>
    public long[] Recount()
    {
        var counts = new long[_byKind.Length];
        counts[(int)FrameKind.Kernel] = KernelFrames;
        for (var z = 0; z < _zoneEnd.Length; z++)
        {
            counts[(int)FrameKind.Free] += _zoneEnd[z] - _zoneBump[z];
            for (var pfn = _zoneLo[z]; pfn < _zoneBump[z]; pfn++)
            {
                counts[(int)this[pfn].Kind]++;
            }
        }

        return counts;
    }

    public long CountFromCounters(FrameKind kind) => _byKind[(int)kind];
}
