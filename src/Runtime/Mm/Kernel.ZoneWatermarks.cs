using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The zone side of the slow path and of kswapd (mm/page_alloc.c and
/// mm/vmscan.c, Linux 6.18), for a machine with the kernel's watermarks:
/// <list type="bullet">
/// <item><see cref="WakeKswapdFor"/>: wakeup_kswapd: the node's
/// kswapd_highest_zoneidx becomes the highest of its wakers'; no wakeup when
/// the node is hopeless (kswapd_failures).</item>
/// <item><see cref="KswapdBalanced"/>: balance_pgdat's stop test, ONE zone of
/// the node up to kswapd_highest_zoneidx above high plus its lowmem_reserve.</item>
/// <item><see cref="RestrictedReclaimPass"/>: reclaim for an allocation that
/// may not use every zone (GFP_KERNEL on a 32-bit machine): only the pages of
/// its zones can help it (shrink_node with reclaim_idx, isolate_lru_folios
/// skipping higher zones), so with none on the LRU nothing is scanned, and a
/// pass counts as progress only when its zones gained free pages.</item>
/// </list>
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>pgdat->kswapd_highest_zoneidx as the gfp that set it; null while kswapd sleeps.</summary>
    private GfpZone? _kswapdGfp;

    /// <summary>
    /// While the OOM killer runs for an allocation that may not use every zone: its gfp
    /// (the report prints its gfp_mask and Mem-Info up to its highest zone); null otherwise.
    /// </summary>
    public GfpZone? OomZoneRestricted { get; private set; }

    /// <summary>gfp_zone(): the index of the highest zone an allocation of <paramref name="gfp"/> may use.</summary>
    public int HighestZoneIndex(GfpZone gfp) => _frames.HighestIndex(gfp);

    /// <summary>
    /// The kernel's watermarks on one node: every check is per zone with lowmem_reserve. A NUMA
    /// machine's nodes keep the checks of their zones' marks summed (Kernel.Numa.cs), as do the
    /// manual watermarks and the textbook machine.
    /// </summary>
    private bool PerZoneMarks => Machine.Watermarks == WatermarkMode.Auto && !_numa;

    /// <summary>
    /// wakeup_kswapd for an allocation of <paramref name="gfp"/> that found no zone above low:
    /// node 0's kswapd (the machine-wide path wakes node 0's, as Kernel.Kswapd.cs does),
    /// its kswapd_highest_zoneidx raised to the allocation's.
    /// </summary>
    private void WakeKswapdFor(GfpZone gfp)
    {
        if (_kswapdGfp is not { } current || _frames.HighestIndex(current) < _frames.HighestIndex(gfp))
        {
            _kswapdGfp = gfp;
        }

        // wakeup_kswapd also skips a node pgdat_balanced finds balanced; for order 0 that cannot be
        // once no zone passed low (high is above low), and a reservation of many pages is checked
        // before it takes them, so only the hopeless node is left out (WakeKswapd).
        WakeKswapd(0);
    }

    /// <summary>The zones kswapd balances: those its wakers may use (all on a one-zone or 64-bit machine).</summary>
    private GfpZone KswapdGfp => _kswapdGfp ?? GfpZone.HighUser;

    /// <summary>pgdat_balanced for node <paramref name="node"/> at kswapd_highest_zoneidx, per zone with the kernel's watermarks.</summary>
    private bool KswapdBalanced(int node) => _frames.Balanced(_frames.HighestIndex(KswapdGfp), node);

    /// <summary>The marks kswapd's messages quote: node <paramref name="node"/>'s eligible zones' marks plus lowmem_reserve, summed (the node's summed marks without per-zone watermarks).</summary>
    public (long Min, long Low, long High) KswapdMarks(int node) =>
        PerZoneMarks ? _frames.EligibleMarks(_frames.HighestIndex(KswapdGfp), node) : NodeWatermarks(node);

    /// <summary>Whether node <paramref name="node"/>'s kswapd would find it balanced now (pgdat_balanced).</summary>
    public bool KswapdBalancedNow(int node) => NodeBalanced(node);

    /// <summary>
    /// The zone that balances node <paramref name="node"/>, as kswapd's sleep line names it, with its free
    /// pages and its high mark plus lowmem_reserve; null when none is above (or with the summed marks).
    /// </summary>
    public (string Zone, long Free, long High, long Reserve)? KswapdBalancedZone(int node)
    {
        if (!PerZoneMarks)
        {
            return null;
        }

        var highest = _frames.HighestIndex(KswapdGfp);
        var z = _frames.BalancedZone(highest, node);
        if (z < 0)
        {
            return null;
        }

        var zone = _frames.PopulatedZones[z];
        return (zone.Name, _frames.ZoneFree(z), zone.High, highest < zone.Protection.Length ? zone.Protection[highest] : 0);
    }

    /// <summary>kswapd's batch on node <paramref name="node"/>: only its wakers' zones' pages count when they may not use every zone.</summary>
    private Reclaim.ReclaimTally KswapdPass(int node, ref long costNs) =>
        PerZoneMarks && _frames.ZoneRestricted(KswapdGfp)
            ? RestrictedReclaimPass(KswapdGfp, SwapClusterMax, VmCounter.pgscan_kswapd, VmCounter.pgsteal_kswapd, ref costNs)
            : ReclaimPassOn(node, SwapClusterMax, VmCounter.pgscan_kswapd, VmCounter.pgsteal_kswapd, ref costNs);

    /// <summary>kswapd goes back to sleep: kswapd_highest_zoneidx is reset once no node's kswapd has work.</summary>
    private void KswapdSlept()
    {
        if (!KswapdWanted)
        {
            _kswapdGfp = null;
        }
    }

    /// <summary>One reclaim pass for the zones of <paramref name="gfp"/>; Reclaimed is what those zones gained.</summary>
    private ReclaimTally RestrictedReclaimPass(GfpZone gfp, int pages, VmCounter scanCounter, VmCounter stealCounter, ref long costNs)
    {
        if (_frames.EligibleLruPages(gfp) == 0)
        {
            return default;
        }

        var before = _frames.EligibleFree(gfp);
        var tally = ReclaimPass(pages, scanCounter, stealCounter, ref costNs);
        return tally with { Reclaimed = (int)Math.Clamp(_frames.EligibleFree(gfp) - before, 0, tally.Reclaimed) };
    }
}
