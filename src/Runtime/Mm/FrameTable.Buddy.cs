namespace MemScript.Runtime.Mm;

/// <summary>
/// The buddy free lists of <see cref="FrameTable"/>: taking the smallest
/// block and splitting it (__rmqueue_smallest and expand()), bringing
/// untouched RAM onto the lists one max-order block at a time, cutting a
/// range into aligned blocks as the boot allocator frees it
/// (__free_pages_memory), and the index-linked list operations.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>Free blocks of each order 0..<see cref="MaxOrder"/>, the untouched RAM counted as the blocks it would be.</summary>
    public long[] BuddyBlocks()
    {
        var blocks = (long[])_freeBlocks.Clone();
        if (_bump < _wholeBlocksEnd)
        {
            blocks[MaxOrder] += (_wholeBlocksEnd - _bump) >> MaxOrder;
        }

        for (long start = Math.Max(_bump, _wholeBlocksEnd); start < TotalFrames;)
        {
            var order = BlockOrder(start, TotalFrames);
            blocks[order]++;
            start += 1L << order;
        }

        return blocks;
    }

    /// <summary>__rmqueue_smallest: the first block of the smallest non-empty order &gt;= <paramref name="order"/>, split down; -1 when none.</summary>
    private int TakeBlock(int order)
    {
        var from = order;
        while (_freeHead[from] < 0)
        {
            if (++from > MaxOrder)
            {
                if (!MaterializeNextBlock())
                {
                    return -1;
                }

                from = order;
            }
        }

        var pfn = _freeHead[from];
        Unlink(pfn, from);
        while (from > order)
        {
            from--;
            Push(pfn + (1 << from), from);
        }

        return pfn;
    }

    /// <summary>Brings the next untouched max-order block (or the blocks of RAM's ragged end) onto the lists.</summary>
    private bool MaterializeNextBlock()
    {
        if (_bump >= TotalFrames)
        {
            return false;
        }

        Materialize(_bump, _bump < _wholeBlocksEnd ? _bump + MaxOrderFrames : (int)TotalFrames);
        return true;
    }

    /// <summary>Creates the chunks of [start, end), frees the range as aligned blocks and moves the bump pointer to its end.</summary>
    private void Materialize(int start, int end)
    {
        for (var chunk = start >> ChunkShift; chunk <= (end - 1) >> ChunkShift; chunk++)
        {
            _chunks[chunk] ??= new PageFrame[1 << ChunkShift];
        }

        _bump = end;
        while (start < end)
        {
            var order = BlockOrder(start, end);
            Push(start, order);
            start += 1 << order;
        }
    }

    /// <summary>The largest order of an aligned block starting at <paramref name="start"/> that ends by <paramref name="end"/>.</summary>
    private static int BlockOrder(long start, long end)
    {
        var order = start == 0 ? MaxOrder : Math.Min(MaxOrder, System.Numerics.BitOperations.TrailingZeroCount(start));
        while (start + (1L << order) > end)
        {
            order--;
        }

        return order;
    }

    private void Push(int pfn, int order)
    {
        ref var frame = ref this[pfn];
        var next = _freeHead[order];
        frame.Kind = FrameKind.Free;
        frame.Flags = FrameFlags.Buddy;
        frame.Index = order;
        frame.Owner = -1;
        frame.LruPrev = -1;
        frame.LruNext = next;
        if (next >= 0)
        {
            this[next].LruPrev = pfn;
        }

        _freeHead[order] = pfn;
        _freeBlocks[order]++;
    }

    private void Unlink(int pfn, int order)
    {
        ref var frame = ref this[pfn];
        if (frame.LruPrev >= 0)
        {
            this[frame.LruPrev].LruNext = frame.LruNext;
        }
        else
        {
            _freeHead[order] = frame.LruNext;
        }

        if (frame.LruNext >= 0)
        {
            this[frame.LruNext].LruPrev = frame.LruPrev;
        }

        frame.Flags = FrameFlags.None;
        frame.Index = 0;
        frame.LruPrev = -1;
        frame.LruNext = -1;
        _freeBlocks[order]--;
    }
}
