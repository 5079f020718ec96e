namespace MemScript.Runtime.Mm;

/// <summary>
/// The frame allocator: a buddy allocator as in mm/page_alloc.c, orders
/// 0..<see cref="MaxOrder"/> (11 free lists, the 11 columns of
/// /proc/buddyinfo). Free blocks are linked through the first frame's
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
/// allocator frees them (the largest order the alignment allows). Anon, file
/// and shmem frames join the head of their inactive LRU list when allocated
/// and leave it when freed, telling the reclaim policy. The free lists
/// themselves are in FrameTable.Buddy.cs.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>The largest order (MAX_PAGE_ORDER): blocks of 1024 frames, 4 MiB.</summary>
    public const int MaxOrder = 10;

    private const int MaxOrderFrames = 1 << MaxOrder;
    private const int ChunkShift = 16;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private readonly PageFrame[]?[] _chunks;
    private readonly long[] _byKind = new long[Enum.GetValues<FrameKind>().Length];
    private readonly int[] _freeHead = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
    private readonly long[] _freeBlocks = new long[MaxOrder + 1];
    private readonly int _wholeBlocksEnd;
    private int _bump;

    public FrameTable(long totalFrames, long kernelFrames)
    {
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
        _wholeBlocksEnd = (int)(totalFrames & ~(long)(MaxOrderFrames - 1));
        _bump = (int)kernelFrames;
        var firstBoundary = (int)Math.Min((kernelFrames + MaxOrderFrames - 1) & ~(long)(MaxOrderFrames - 1), totalFrames);
        if (firstBoundary > _bump)
        {
            Materialize(_bump, firstBoundary);
        }
    }

    public long TotalFrames { get; }

    /// <summary>The reclaim policy, told of every evictable frame allocated and freed (set once by the kernel).</summary>
    public Reclaim.IReclaimPolicy? Policy { get; set; }

    /// <summary>The LRU lists every anon, file and shmem frame is on.</summary>
    public LruLists Lru { get; } = new();

    /// <summary>Frames reserved at boot: numbers [0, KernelFrames), never materialized.</summary>
    public long KernelFrames { get; }

    /// <summary>Frames [KernelFrames, HighWater) have been materialized; the frames above are free and untouched.</summary>
    public int HighWater => _bump;

    public long FreeFrames => _byKind[(int)FrameKind.Free];

    /// <summary>Frames the operation in progress still needs in all (populate sets it), for the out-of-frames message.</summary>
    public long PendingNeed { get; set; } = 1;

    public long Count(FrameKind kind) => _byKind[(int)kind];

    public ref PageFrame this[int pfn] => ref _chunks[pfn >> ChunkShift]![pfn & ChunkMask];

    /// <summary>Takes a free frame for <paramref name="kind"/>; <paramref name="stillNeeded"/> feeds the out-of-frames message.</summary>
    public int Allocate(FrameKind kind, int owner, long index, long stillNeeded = 1)
    {
        var pfn = _freeHead[0];
        if (pfn >= 0)
        {
            // The hot case, an order-0 block at the head of its list: unlinked here without the
            // stores Unlink makes, since the frame is overwritten below.
            var next = this[pfn].LruNext;
            _freeHead[0] = next;
            if (next >= 0)
            {
                this[next].LruPrev = -1;
            }

            _freeBlocks[0]--;
        }
        else if ((pfn = TakeBlock(0)) < 0)
        {
            var needed = Math.Max(Math.Max(1, stillNeeded), PendingNeed);
            throw new OutOfFramesException(
                $"no free frame: the operation needed {needed} more {(needed == 1 ? "frame" : "frames")} than RAM has; the kernel reclaims before it allocates, so this is an internal error");
        }

        ref var frame = ref this[pfn];
        frame = new PageFrame { Kind = kind, Owner = owner, Index = index, LruPrev = -1, LruNext = -1 };
        _byKind[(int)FrameKind.Free]--;
        _byKind[(int)kind]++;
        if (kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem)
        {
            Lru.AddHead(this, pfn, LruLists.InactiveFor(kind));
            Policy?.Added(pfn);
        }

        return pfn;
    }

    /// <summary>
    /// An order-<paramref name="order"/> block for a large anonymous folio (a transparent huge
    /// page): each frame an anon frame of <paramref name="owner"/> at pages
    /// <paramref name="index"/>.., flagged <see cref="FrameFlags.Thp"/>, on the inactive anon
    /// list. -1 when no free block of that order or above exists (no compaction).
    /// </summary>
    public int AllocateLarge(int order, int owner, long index)
    {
        var head = TakeBlock(order);
        if (head < 0)
        {
            return -1;
        }

        for (var i = 0; i < 1 << order; i++)
        {
            var pfn = head + i;
            ref var frame = ref this[pfn];
            frame = new PageFrame { Kind = FrameKind.Anon, Owner = owner, Index = index + i, LruPrev = -1, LruNext = -1, Flags = FrameFlags.Thp, MapCount = 1 };
            _byKind[(int)FrameKind.Free]--;
            _byKind[(int)FrameKind.Anon]++;
            Lru.AddHead(this, pfn, LruLists.InactiveFor(FrameKind.Anon));
            Policy?.Added(pfn);
        }

        return head;
    }

    public void Free(int pfn)
    {
        ref var frame = ref this[pfn];
        if (frame.Kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem)
        {
            Policy?.Removed(pfn);
            Lru.Remove(this, pfn, LruLists.ListOf(frame));
        }

        _byKind[(int)frame.Kind]--;
        _byKind[(int)FrameKind.Free]++;
        frame = new PageFrame { Kind = FrameKind.Free, Owner = -1, LruPrev = -1, LruNext = -1 };
        var order = 0;
        while (order < MaxOrder)
        {
            var buddy = pfn ^ (1 << order);
            if (buddy < KernelFrames || buddy >= _bump)
            {
                break;
            }

            ref var b = ref this[buddy];
            if ((b.Flags & FrameFlags.Buddy) == 0 || b.Index != order)
            {
                break;
            }

            Unlink(buddy, order);
            pfn &= ~(1 << order);
            order++;
        }

        Push(pfn, order);
    }

    /// <summary>Counts frames by kind from the frames themselves (for the self-check).</summary>
    public long[] Recount()
    {
        var counts = new long[_byKind.Length];
        counts[(int)FrameKind.Kernel] = KernelFrames;
        counts[(int)FrameKind.Free] = TotalFrames - _bump;
        for (var pfn = (int)KernelFrames; pfn < _bump; pfn++)
        {
            counts[(int)this[pfn].Kind]++;
        }

        return counts;
    }

    public long CountFromCounters(FrameKind kind) => _byKind[(int)kind];
}
