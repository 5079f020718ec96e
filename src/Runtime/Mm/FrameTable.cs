namespace MemScript.Runtime.Mm;

/// <summary>
/// The frame allocator (page_alloc.c, order 0 only). Frames live in chunks
/// of 64 Ki structs created the first time a frame in them is handed out, so
/// a large machine that touches little stays small on the host. Frames below
/// the kernel's boot reservation are never materialized. Allocation takes the
/// most recently freed frame first (an index-linked free list), then the next
/// never-used frame: deterministic, O(1), no allocation once a chunk exists.
/// Anon, file and shmem frames join the head of their inactive LRU list
/// when allocated and leave it when freed.
/// When no frame is free an <see cref="OutOfFramesException"/> says how many
/// frames the current operation still needed (memory pressure comes later).
/// </summary>
internal sealed class FrameTable
{
    private const int ChunkShift = 16;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private readonly PageFrame[]?[] _chunks;
    private readonly long[] _byKind = new long[Enum.GetValues<FrameKind>().Length];
    private int _bump;
    private int _freeHead = -1;

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
        _bump = (int)kernelFrames;
        _byKind[(int)FrameKind.Kernel] = kernelFrames;
        _byKind[(int)FrameKind.Free] = totalFrames - kernelFrames;
    }

    public long TotalFrames { get; }

    /// <summary>The reclaim policy, told of every evictable frame allocated and freed (set once by the kernel).</summary>
    public Reclaim.IReclaimPolicy? Policy { get; set; }

    /// <summary>The LRU lists every anon, file and shmem frame is on.</summary>
    public LruLists Lru { get; } = new();

    /// <summary>Frames reserved at boot: numbers [0, KernelFrames), never materialized.</summary>
    public long KernelFrames { get; }

    /// <summary>Frames [KernelFrames, HighWater) have been materialized.</summary>
    public int HighWater => _bump;

    public long FreeFrames => _byKind[(int)FrameKind.Free];

    /// <summary>Frames the operation in progress still needs in all (populate sets it), for the out-of-frames message.</summary>
    public long PendingNeed { get; set; } = 1;

    public long Count(FrameKind kind) => _byKind[(int)kind];

    public ref PageFrame this[int pfn] => ref _chunks[pfn >> ChunkShift]![pfn & ChunkMask];

    /// <summary>Takes a free frame for <paramref name="kind"/>; <paramref name="stillNeeded"/> feeds the out-of-frames message.</summary>
    public int Allocate(FrameKind kind, int owner, long index, long stillNeeded = 1)
    {
        int pfn;
        if (_freeHead >= 0)
        {
            pfn = _freeHead;
            _freeHead = this[pfn].LruNext;
        }
        else if (_bump < TotalFrames)
        {
            pfn = _bump++;
            _chunks[pfn >> ChunkShift] ??= new PageFrame[1 << ChunkShift];
        }
        else
        {
            var needed = Math.Max(Math.Max(1, stillNeeded), PendingNeed);
            throw new OutOfFramesException(
                $"scenario needs {needed} more {(needed == 1 ? "frame" : "frames")} than RAM has; memory pressure (reclaim, swap, OOM) is not modelled yet");
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
        frame = new PageFrame { Kind = FrameKind.Free, LruPrev = -1, LruNext = _freeHead, Owner = -1 };
        _freeHead = pfn;
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
