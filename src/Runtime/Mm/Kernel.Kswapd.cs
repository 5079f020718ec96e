namespace MemScript.Runtime.Mm;

/// <summary>
/// One kswapd per node (mm/vmscan.c kswapd, balance_pgdat), as each
/// <c>pglist_data</c> has its own <c>kswapdN</c> thread: node N's kswapd is
/// woken when an allocation whose zonelist holds node N finds no node of it
/// above its low watermark (wakeup_kswapd for each zone's pgdat in
/// wake_all_kswapds), and reclaims from node N's LRU lists only, batch by
/// batch, until the node is balanced (pgdat_balanced: its free pages at its
/// high watermark) or a batch frees nothing. Each node keeps its own
/// kswapd_failures: after <see cref="MaxReclaimRetries"/> runs in a row that
/// freed nothing the node is hopeless, and wakeups of its kswapd are ignored
/// until some reclaim frees a page of it again. The marks are the node's zones'
/// summed (<see cref="NodeWatermarks"/>); on a one-node machine node 0's free
/// pages and marks are the machine's, as before the nodes had lists of their own.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>Per node: kswapd has work (woken below low, not yet balanced at high).</summary>
    private bool[] _kswapdWanted = [false];

    /// <summary>Per node: pgdat->kswapd_failures, kswapd runs in a row that reclaimed nothing.</summary>
    private int[] _kswapdFailures = [0];

    private void SetUpKswapd()
    {
        _kswapdWanted = new bool[_frames.NodeCount];
        _kswapdFailures = new int[_frames.NodeCount];
    }

    /// <summary>True while some node's kswapd has work.</summary>
    public bool KswapdWanted
    {
        get
        {
            if (Machine.Watermarks == WatermarkMode.Off)
            {
                return false;
            }

            foreach (var wanted in _kswapdWanted)
            {
                if (wanted)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True while node <paramref name="node"/>'s kswapd has work.</summary>
    public bool KswapdWantedOn(int node) => _kswapdWanted[node] && Machine.Watermarks != WatermarkMode.Off;

    /// <summary>pgdat->kswapd_failures &gt;= MAX_RECLAIM_RETRIES for node <paramref name="node"/>: zoneinfo's node_unreclaimable.</summary>
    public bool NodeHopeless(int node) => _kswapdFailures[node] >= MaxReclaimRetries;

    /// <summary>Free pages of node <paramref name="node"/> (NR_FREE_PAGES of its zones; the machine's on one node).</summary>
    public long NodeFreePages(int node) => _numa ? _frames.NodeFree(node) : _frames.FreeFrames;

    /// <summary>Node <paramref name="node"/>'s zones' min, low and high watermarks summed (the machine's on one node).</summary>
    public (long Min, long Low, long High) NodeWatermarks(int node)
    {
        if (!_numa || Machine.Watermarks == WatermarkMode.Off)
        {
            return _numa ? default : _watermarks;
        }

        long min = 0, low = 0, high = 0;
        foreach (var zone in _frames.PopulatedZones)
        {
            if (zone.Node == node)
            {
                min += zone.Min;
                low += zone.Low;
                high += zone.High;
            }
        }

        return (min, low, high);
    }

    /// <summary>pgdat_balanced: node <paramref name="node"/>'s free pages reach its high watermark.</summary>
    private bool NodeBalanced(int node) =>
        PerZoneMarks ? KswapdBalanced(node) : NodeFreePages(node) >= NodeWatermarks(node).High;   // per zone with lowmem_reserve: Kernel.ZoneWatermarks.cs

    /// <summary>wakeup_kswapd for node <paramref name="node"/>: ignored while the node is hopeless.</summary>
    private void WakeKswapd(int node) => _kswapdWanted[node] |= _kswapdFailures[node] < MaxReclaimRetries;

    /// <summary>
    /// One batch (SWAP_CLUSTER_MAX pages) of node <paramref name="node"/>'s kswapd: reclaim
    /// from the node's lists (pgscan_kswapd, pgsteal_kswapd) unless it is balanced already;
    /// it stops wanting to run once the node is balanced or a batch made no progress. The
    /// cost is kswapd's CPU time.
    /// </summary>
    public KswapdBatch KswapdReclaimBatch(int node)
    {
        long cost = 0;
        _frames.ReclaimActive = true;   // balance_pgdat's set_reclaim_active: the per-CPU lists keep at most 4 batches
        var tally = NodeBalanced(node)
            ? default
            : KswapdPass(node, ref cost);
        var balanced = NodeBalanced(node);
        if (tally.Reclaimed > 0)
        {
            _kswapdFailures[node] = 0;
        }
        else if (!balanced)
        {
            _kswapdFailures[node]++;
        }

        if (balanced || tally.Reclaimed == 0)
        {
            _kswapdWanted[node] = false;
            _frames.ReclaimActive = KswapdWanted;
            KswapdSlept();
        }

        return new KswapdBatch(tally.Reclaimed, tally.Scanned, cost);
    }

    /// <summary>Node 0's kswapd batch (a one-node machine's kswapd0).</summary>
    public KswapdBatch KswapdReclaimBatch() => KswapdReclaimBatch(0);
}
