using System.Numerics;

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
/// docs/model-notes.md). Each list is a ring of frame numbers (a deque: the
/// head takes and gives single pages, the tail gets refills and gives bulk
/// frees), so a page on a list is never written to and taking or giving one
/// touches no other frame; nothing here allocates after the lists are sized.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>CONFIG_PCP_BATCH_SCALE_MAX's default: batches scale up to 2^5 times.</summary>
    private const int PcpBatchScaleMax = 5;

    /// <summary>Per zone, a ring of <c>_pcpMask + 1</c> frame numbers: the list from its head (index <c>_pcpFirst</c>) to its tail.</summary>
    private int[][] _pcpRing = [];
    private int[] _pcpMask = [];
    private int[] _pcpFirst = [];
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

        _pcpRing = new int[n][];
        _pcpMask = new int[n];
        _pcpFirst = new int[n];
        _pcpCount = new int[n];
        _pcpFreeCount = new int[n];
        _pcpAllocFactor = new int[n];
        _pcpBatch = new int[n];
        _pcpHigh = new int[n];
        for (var z = 0; z < n; z++)
        {
            _pcpBatch[z] = PopulatedZones[z].PcpBatch;
            _pcpHigh[z] = PopulatedZones[z].PcpHighMin;

            // A list never holds more than max(high, batch) pages plus the one being freed.
            var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)(Math.Max(_pcpHigh[z], _pcpBatch[z]) + 2));
            _pcpRing[z] = new int[capacity];
            _pcpMask[z] = capacity - 1;
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

        var first = _pcpFirst[z];
        var pfn = _pcpRing[z][first];
        _pcpFirst[z] = (first + 1) & _pcpMask[z];
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

        // The list is empty when it is refilled, so the ring's free room is the whole ring.
        want = Math.Min(want, _pcpMask[z] + 1 - _pcpCount[z]);
        var ring = _pcpRing[z];
        var mask = _pcpMask[z];
        var slot = (_pcpFirst[z] + _pcpCount[z]) & mask;
        var got = 0;
        for (; got < want; got++)
        {
            var pfn = TakeBlock(z, 0);
            if (pfn < 0)
            {
                break;
            }

            ring[slot] = pfn;
            slot = (slot + 1) & mask;
        }

        _zoneFree[z] -= got;
        _pcpCount[z] += got;
        _pcpTotal += got;
        return got > 0;
    }

    /// <summary>free_frozen_page_commit: frame <paramref name="pfn"/> (already of kind Free) to the head of zone <paramref name="z"/>'s list, bulk-freeing when the list reaches high.</summary>
    private void PcpFree(int z, int pfn)
    {
        var first = (_pcpFirst[z] - 1) & _pcpMask[z];
        _pcpRing[z][first] = pfn;
        _pcpFirst[z] = first;
        var count = ++_pcpCount[z];
        _pcpTotal++;
        _pcpAllocFactor[z] >>= 1;
        var batch = _pcpBatch[z];
        if (_pcpFreeCount[z] < batch << PcpBatchScaleMax)
        {
            _pcpFreeCount[z]++;
        }

        var high = ReclaimActive ? Math.Min(batch << 2, _pcpHigh[z]) : _pcpHigh[z];
        if (count >= high)
        {
            PcpFreeBulk(z, high < batch ? 1 : Math.Clamp(_pcpFreeCount[z], batch, Math.Max(batch, high - batch)));
        }
    }

    /// <summary>free_pcppages_bulk: <paramref name="count"/> pages from the tail of zone <paramref name="z"/>'s list back to the buddy allocator.</summary>
    private void PcpFreeBulk(int z, int count)
    {
        count = Math.Min(count, _pcpCount[z]);
        var ring = _pcpRing[z];
        var mask = _pcpMask[z];
        var tail = _pcpFirst[z] + _pcpCount[z] - 1;
        for (var i = 0; i < count; i++)
        {
            FreeToBuddy(z, ring[(tail - i) & mask]);
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
