namespace MemScript.Runtime.Mm;

/// <summary>
/// The per-CPU page lists (struct per_cpu_pages, one CPU) in front of each
/// populated zone's order-0 buddy list, as mm/page_alloc.c (Linux 6.18) runs
/// them:
/// <list type="bullet">
/// <item>a free of one page (free_frozen_page_commit) puts it at the head of
/// its zone's list; once the list holds <c>high</c> pages
/// (nr_pcp_high: pcp->high, at most <c>batch &lt;&lt; 2</c> while kswapd
/// reclaims, ZONE_RECLAIM_ACTIVE) free_pcppages_bulk gives nr_pcp_free's
/// count back to the buddy allocator from the tail: the pages freed in a row
/// (free_count, up to <c>batch &lt;&lt; 5</c>) clamped to [batch, high - batch];</item>
/// <item>an order-0 allocation (rmqueue_pcplist) takes the head; on an empty
/// list rmqueue_bulk first moves nr_pcp_alloc's count from the buddy
/// allocator to the tail, in the buddy's order: <c>batch &lt;&lt;
/// alloc_factor</c> (the factor grows by one per refill up to 5, halves on
/// each free) at most <c>max(high - count - batch, batch)</c>;</item>
/// <item>pages on the lists are not PageBuddy (they do not merge) and are out
/// of the zone's NR_FREE_PAGES (account_freepages runs as a page enters or
/// leaves the buddy lists), so out of MemFree, buddyinfo and the watermark
/// checks; zoneinfo prints their count;</item>
/// <item><see cref="DrainPcp"/> (drain_all_pages) empties every list: direct
/// reclaim does when its allocation still fails, compaction before it looks
/// for its block.</item>
/// </list>
/// pcp->high stays at high_min (no auto-tuning between high_min and high_max,
/// docs/model-notes.md). The lists are index-linked through the free frames'
/// LRU links, as the buddy lists are; nothing here allocates.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>CONFIG_PCP_BATCH_SCALE_MAX's default: batches scale up to 2^5 times.</summary>
    private const int PcpBatchScaleMax = 5;

    private int[] _pcpHead = [];
    private int[] _pcpTail = [];
    private int[] _pcpCount = [];
    private int[] _pcpFreeCount = [];
    private int[] _pcpAllocFactor = [];
    private int[] _pcpBatch = [];
    private int[] _pcpHigh = [];
    private long _pcpTotal;
    private bool _pcp;

    /// <summary>ZONE_RECLAIM_ACTIVE: kswapd is reclaiming, each list keeps at most batch &lt;&lt; 2 pages.</summary>
    public bool ReclaimActive { get; set; }

    /// <summary>Pages on the per-CPU lists of every zone (free, but not in NR_FREE_PAGES).</summary>
    public long PcpPages => _pcpTotal;

    /// <summary>Pages on the per-CPU list of populated zone <paramref name="zone"/> (zoneinfo's count).</summary>
    public int PcpCount(int zone) => _pcp ? _pcpCount[zone] : 0;

    /// <summary>Turns the per-CPU lists on, sized from the zones' batch and high_min (a kernel machine; a textbook one has none).</summary>
    public void EnablePcp()
    {
        var n = _zoneEnd.Length;
        if (PopulatedZones.Count != n)
        {
            return;
        }

        _pcpHead = new int[n];
        _pcpTail = new int[n];
        Array.Fill(_pcpHead, -1);
        Array.Fill(_pcpTail, -1);
        _pcpCount = new int[n];
        _pcpFreeCount = new int[n];
        _pcpAllocFactor = new int[n];
        _pcpBatch = new int[n];
        _pcpHigh = new int[n];
        for (var z = 0; z < n; z++)
        {
            _pcpBatch[z] = PopulatedZones[z].PcpBatch;
            _pcpHigh[z] = PopulatedZones[z].PcpHighMin;
        }

        _pcp = true;
    }

    /// <summary>rmqueue_pcplist: the head of zone <paramref name="z"/>'s list, refilled from the buddy allocator when empty; -1 when both are empty.</summary>
    private int PcpTake(int z)
    {
        if (_pcpCount[z] == 0 && !PcpRefill(z))
        {
            return -1;
        }

        var pfn = _pcpHead[z];
        var next = this[pfn].LruNext;
        _pcpHead[z] = next;
        if (next >= 0)
        {
            this[next].LruPrev = -1;
        }
        else
        {
            _pcpTail[z] = -1;
        }

        _pcpCount[z]--;
        _pcpTotal--;
        _pcpFreeCount[z] >>= 1;
        return pfn;
    }

    /// <summary>rmqueue_bulk with nr_pcp_alloc's count: order-0 pages from the buddy lists to the list's tail, in the order the buddy gives them.</summary>
    private bool PcpRefill(int z)
    {
        var batch = _pcpBatch[z];
        var high = _pcpHigh[z];
        int want;
        if (high < batch)
        {
            want = 1;
        }
        else
        {
            var maxAlloc = Math.Max(high - _pcpCount[z] - batch, batch);
            want = batch << _pcpAllocFactor[z];
            if (want <= maxAlloc && _pcpAllocFactor[z] < PcpBatchScaleMax)
            {
                _pcpAllocFactor[z]++;
            }

            want = Math.Min(want, maxAlloc);
        }

        var got = 0;
        for (; got < want; got++)
        {
            var pfn = TakeBlock(z, 0);
            if (pfn < 0)
            {
                break;
            }

            _zoneFree[z]--;
            ref var frame = ref this[pfn];
            frame.LruNext = -1;
            frame.LruPrev = _pcpTail[z];
            if (_pcpTail[z] >= 0)
            {
                this[_pcpTail[z]].LruNext = pfn;
            }
            else
            {
                _pcpHead[z] = pfn;
            }

            _pcpTail[z] = pfn;
        }

        _pcpCount[z] += got;
        _pcpTotal += got;
        return got > 0;
    }

    /// <summary>free_frozen_page_commit: frame <paramref name="pfn"/> (already of kind Free) to the head of zone <paramref name="z"/>'s list, bulk-freeing when the list reaches high.</summary>
    private void PcpFree(int z, int pfn)
    {
        ref var frame = ref this[pfn];
        var head = _pcpHead[z];
        frame.LruPrev = -1;
        frame.LruNext = head;
        if (head >= 0)
        {
            this[head].LruPrev = pfn;
        }
        else
        {
            _pcpTail[z] = pfn;
        }

        _pcpHead[z] = pfn;
        _pcpCount[z]++;
        _pcpTotal++;
        _pcpAllocFactor[z] >>= 1;
        var batch = _pcpBatch[z];
        if (_pcpFreeCount[z] < batch << PcpBatchScaleMax)
        {
            _pcpFreeCount[z]++;
        }

        var high = ReclaimActive ? Math.Min(batch << 2, _pcpHigh[z]) : _pcpHigh[z];
        if (_pcpCount[z] >= high)
        {
            var count = high < batch ? 1 : Math.Clamp(_pcpFreeCount[z], batch, Math.Max(batch, high - batch));
            PcpFreeBulk(z, count);
        }
    }

    /// <summary>free_pcppages_bulk: <paramref name="count"/> pages from the tail of zone <paramref name="z"/>'s list back to the buddy allocator.</summary>
    private void PcpFreeBulk(int z, int count)
    {
        count = Math.Min(count, _pcpCount[z]);
        for (var i = 0; i < count; i++)
        {
            var pfn = _pcpTail[z];
            var prev = this[pfn].LruPrev;
            _pcpTail[z] = prev;
            if (prev >= 0)
            {
                this[prev].LruNext = -1;
            }
            else
            {
                _pcpHead[z] = -1;
            }

            FreeToBuddy(z, pfn);
        }

        _pcpCount[z] -= count;
        _pcpTotal -= count;
    }

    /// <summary>drain_all_pages: every zone's list back to the buddy allocator; the pages it gave back.</summary>
    public long DrainPcp()
    {
        if (!_pcp)
        {
            return 0;
        }

        var drained = _pcpTotal;
        for (var z = 0; z < _pcpCount.Length; z++)
        {
            PcpFreeBulk(z, _pcpCount[z]);
        }

        return drained;
    }
}
