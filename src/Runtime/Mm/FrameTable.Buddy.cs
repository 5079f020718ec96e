namespace MemScript.Runtime.Mm;

/// <summary>
/// The buddy free lists of <see cref="FrameTable"/>, one set per populated
/// zone: choosing the zone an allocation takes from (the zonelist walk of
/// get_page_from_freelist with zone_watermark_ok's low, then min, mark plus
/// lowmem_reserve), taking the smallest block and splitting it
/// (__rmqueue_smallest and expand()), bringing untouched RAM onto a zone's
/// lists one max-order block at a time, cutting a range into aligned blocks
/// as the boot allocator frees it (__free_pages_memory), and the index-linked
/// list operations.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>Free blocks of each order 0..<see cref="MaxOrder"/> in populated zone <paramref name="zone"/>, the untouched RAM counted as the blocks it would be.</summary>
    public long[] BuddyBlocks(int zone)
    {
        var blocks = new long[Orders];
        Array.Copy(_freeBlocks, zone * Orders, blocks, 0, Orders);
        var bump = _zoneBump[zone];
        var wholeEnd = _zoneWholeEnd[zone];
        var end = _zoneEnd[zone];
        if (bump < wholeEnd)
        {
            blocks[MaxOrder] += (wholeEnd - bump) >> MaxOrder;
        }

        for (long start = Math.Max(bump, wholeEnd); start < end;)
        {
            var order = BlockOrder(start, end);
            blocks[order]++;
            start += 1L << order;
        }

        return blocks;
    }

    /// <summary>Free blocks of each order over all zones.</summary>
    public long[] BuddyBlocks()
    {
        var blocks = new long[Orders];
        for (var z = 0; z < _zoneEnd.Length; z++)
        {
            var zone = BuddyBlocks(z);
            for (var o = 0; o < Orders; o++)
            {
                blocks[o] += zone[o];
            }
        }

        return blocks;
    }

    /// <summary>Recomputes each zone's marks from the layout's watermarks (at boot and after sysctl vm.min_free_kbytes).</summary>
    public void SetWatermarks()
    {
        for (var c = 0; c < _zonelist.Length; c++)
        {
            var highest = Layout is null ? 0 : HighestZoneIndex(Layout, (Zones.GfpZone)c);
            for (var z = 0; z < _zoneEnd.Length; z++)
            {
                if (PopulatedZones.Count == 0)
                {
                    continue;
                }

                var zone = PopulatedZones[z];
                var reserve = zone.Index < zone.Protection.Length && highest < zone.Protection.Length ? zone.Protection[highest] : 0;
                _lowMark[c][z] = zone.Low + reserve;
                _minMark[c][z] = zone.Min + reserve;
            }
        }
    }

    /// <summary>gfp_zone(): the index of the highest zone an allocation of <paramref name="gfp"/> may use.</summary>
    private static int HighestZoneIndex(Zones.ZoneLayout layout, Zones.GfpZone gfp)
    {
        var want = gfp switch
        {
            Zones.GfpZone.Dma => Zones.ZoneType.Dma,
            Zones.GfpZone.Dma32 => Zones.ZoneType.Dma32,
            Zones.GfpZone.Kernel => Zones.ZoneType.Normal,
            _ => Zones.ZoneType.Movable,
        };
        var highest = 0;
        foreach (var zone in layout.Zones)
        {
            if (zone.Type <= want || (want == Zones.ZoneType.Dma32 && zone.Type == Zones.ZoneType.Dma))
            {
                highest = zone.Index;
            }
        }

        return highest;
    }

    /// <summary>
    /// The zone an allocation of 2^<paramref name="order"/> pages takes from when the first of its
    /// zonelist is at its mark: the first zone above low + lowmem_reserve, else the first above
    /// min + lowmem_reserve (the retry after waking kswapd), else the first with a free block
    /// (the reservation made room). -1 when no zone of the list has one.
    /// </summary>
    private int PickZone(Zones.GfpZone gfp, int order)
    {
        var list = _zonelist[(int)gfp];
        var need = 1L << order;
        foreach (var z in list)
        {
            if (_zoneFree[z] - need >= _lowMark[(int)gfp][z] && HasBlock(z, order))
            {
                return z;
            }
        }

        foreach (var z in list)
        {
            if (_zoneFree[z] - need >= _minMark[(int)gfp][z] && HasBlock(z, order))
            {
                return z;
            }
        }

        foreach (var z in list)
        {
            if (HasBlock(z, order))
            {
                return z;
            }
        }

        return -1;
    }

    /// <summary>Whether populated zone <paramref name="z"/> has a free block of order <paramref name="order"/> or above (on its lists or untouched).</summary>
    private bool HasBlock(int z, int order)
    {
        if (order == 0 && _pcp && _pcpCount[z] > 0)
        {
            return true;
        }

        if (_zoneBump[z] < _zoneEnd[z] && (order == 0 || _zoneBump[z] < _zoneWholeEnd[z]))
        {
            return true;
        }

        for (var o = order; o <= MaxOrder; o++)
        {
            if (_freeHead[(z * Orders) + o] >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A block of 2^<paramref name="order"/> frames from the zone <see cref="PickZone"/> chooses; -1 when none.</summary>
    private int TakeBlockFrom(Zones.GfpZone gfp, int order)
    {
        if (_numa)
        {
            SelectNode();
        }

        var list = _zonelist[(int)gfp];
        var z = list.Length == 1 ? list[0] : PickZone(gfp, order);
        if (z < 0)
        {
            return -1;
        }

        var head = TakeBlock(z, order);
        if (head >= 0)
        {
            _zoneFree[z] -= 1L << order;
            _allocatedPages += 1L << order;
            if (_numa)
            {
                CountNuma((int)gfp, z, 1L << order);
            }
        }

        return head;
    }

    /// <summary>__rmqueue_smallest in zone <paramref name="z"/>: the first block of the smallest non-empty order &gt;= <paramref name="order"/>, split down; -1 when none.</summary>
    private int TakeBlock(int z, int order)
    {
        var baseIndex = z * Orders;
        var from = order;
        while (_freeHead[baseIndex + from] < 0)
        {
            if (++from > MaxOrder)
            {
                if (!MaterializeNextBlock(z))
                {
                    return -1;
                }

                from = order;
            }
        }

        var pfn = _freeHead[baseIndex + from];
        Unlink(z, pfn, from);
        while (from > order)
        {
            from--;
            Push(z, pfn + (1 << from), from);
        }

        return pfn;
    }

    /// <summary>Brings zone <paramref name="z"/>'s next untouched max-order block (or the blocks of its ragged end) onto its lists.</summary>
    private bool MaterializeNextBlock(int z)
    {
        var bump = _zoneBump[z];
        if (bump >= _zoneEnd[z])
        {
            return false;
        }

        Materialize(z, bump, bump < _zoneWholeEnd[z] ? bump + MaxOrderFrames : _zoneEnd[z]);
        return true;
    }

    /// <summary>Creates the chunks of [start, end), frees the range as aligned blocks of zone <paramref name="z"/> and moves its bump pointer to the end.</summary>
    private void Materialize(int z, int start, int end)
    {
        for (var chunk = start >> ChunkShift; chunk <= (end - 1) >> ChunkShift; chunk++)
        {
            _chunks[chunk] ??= new PageFrame[1 << ChunkShift];
        }

        _zoneBump[z] = end;
        while (start < end)
        {
            var order = BlockOrder(start, end);
            Push(z, start, order);
            start += 1 << order;
        }
    }

    /// <summary>The largest order of an aligned block starting at <paramref name="start"/> that ends by <paramref name="end"/>.</summary>
    private int BlockOrder(long start, long end)
    {
        var order = start == 0 ? MaxOrder : Math.Min(MaxOrder, System.Numerics.BitOperations.TrailingZeroCount(start));
        while (start + (1L << order) > end)
        {
            order--;
        }

        return order;
    }

    private void Push(int z, int pfn, int order)
    {
        ref var frame = ref this[pfn];
        var list = (z * Orders) + order;
        var next = _freeHead[list];
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

        _freeHead[list] = pfn;
        _freeBlocks[list]++;
    }

    private void Unlink(int z, int pfn, int order)
    {
        ref var frame = ref this[pfn];
        var list = (z * Orders) + order;
        if (frame.LruPrev >= 0)
        {
            this[frame.LruPrev].LruNext = frame.LruNext;
        }
        else
        {
            _freeHead[list] = frame.LruNext;
        }

        if (frame.LruNext >= 0)
        {
            this[frame.LruNext].LruPrev = frame.LruPrev;
        }

        frame.Flags = FrameFlags.None;
        frame.Index = 0;
        frame.LruPrev = -1;
        frame.LruNext = -1;
        _freeBlocks[list]--;
    }
}
