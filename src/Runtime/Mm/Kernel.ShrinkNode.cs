using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Runtime.Mm;

/// <summary>
/// Reclaim node by node (mm/vmscan.c shrink_node, shrink_zones,
/// do_try_to_free_pages) and the allocation slow path of a machine of more
/// than one node (mm/page_alloc.c __alloc_pages_slowpath). The policy
/// reclaims the node <see cref="_reclaimNode"/> names: the linux policy scans
/// that node's LRU lists, a textbook policy may evict only that node's pages.
/// <code>
/// reserve(pages), zonelist nodes N1, N2, ... (bind: only the policy's):
///   a node whose free - pages &gt;= its low         take it (get_page_from_freelist)
///   wake kswapd of every unbalanced node             (wake_all_kswapds)
///   a node whose free - pages &gt;= its min         take it
///   direct reclaim (allocstall): for priority 12 down to 0, until 32 freed:
///     shrink_node(N) for each node in zonelist order  (shrink_zones)
///   no progress: drain the per-CPU lists, drop the optional pages, then
///   16 passes (a bind policy: at once) before the OOM killer, constrained
///   to the bind policy's nodes
/// </code>
/// A textbook policy has no priorities: it reclaims node by node in
/// zonelist order until enough is freed. A one-node machine never comes here
/// (Kernel.Alloc.cs keeps its own loop).
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>The node the policy is reclaiming (0 outside a reclaim, and always on one node).</summary>
    private int _reclaimNode;

    /// <summary>
    /// shrink_node on node <paramref name="node"/>: the policy's pass over the node's pages at
    /// <paramref name="priority"/> (the linux policy), or its whole pass (-1); counts scanned and
    /// stolen pages, adds the cost, and clears the node's kswapd_failures when it freed a page.
    /// </summary>
    private ReclaimTally ShrinkNode(int node, int pages, int priority, VmCounter scanCounter, VmCounter stealCounter, ref long costNs)
    {
        _reclaimNode = node;
        var writtenBefore = _pagesWritten;
        ReclaimTally tally;
        try
        {
            tally = priority >= 0 && Policy is LinuxPolicy linux ? linux.ShrinkNode(this, pages, priority) : Policy.Reclaim(this, pages);
        }
        finally
        {
            _reclaimNode = 0;
        }

        _vmstat[(int)scanCounter] += tally.Scanned;
        _vmstat[(int)stealCounter] += tally.Reclaimed;
        costNs += tally.Scanned * Costs.ReclaimScanPerPage + (_pagesWritten - writtenBefore) * Costs.SwapOutPerPage;
        tally = FlushReclaimState(tally, pages);   // the slab pages shrink_slab freed count as reclaimed, not in pgsteal
        if (tally.Reclaimed > 0)
        {
            _kswapdFailures[node] = 0;
        }

        return tally;
    }

    /// <summary>One reclaim pass of <paramref name="pages"/> on node <paramref name="node"/> alone (kswapd's batch).</summary>
    private ReclaimTally ReclaimPassOn(int node, int pages, VmCounter scanCounter, VmCounter stealCounter, ref long costNs) =>
        ShrinkNode(node, pages, -1, scanCounter, stealCounter, ref costNs);

    /// <summary>
    /// do_try_to_free_pages over shrink_zones: at each priority every node of
    /// <paramref name="nodes"/> is shrunk in turn toward what is still missing at the
    /// priority's start, until <paramref name="pages"/> are freed.
    /// </summary>
    private ReclaimTally ShrinkZones(int[] nodes, int pages, ref long costNs)
    {
        var total = default(ReclaimTally);
        if (Policy is LinuxPolicy)
        {
            for (var priority = LinuxPolicy.DefPriority; priority >= 0 && total.Reclaimed < pages; priority--)
            {
                var want = pages - total.Reclaimed;
                foreach (var node in nodes)
                {
                    total += ShrinkNode(node, want, priority, VmCounter.pgscan_direct, VmCounter.pgsteal_direct, ref costNs);
                }
            }

            return total;
        }

        foreach (var node in nodes)
        {
            if (total.Reclaimed >= pages)
            {
                break;
            }

            total += ShrinkNode(node, pages - total.Reclaimed, -1, VmCounter.pgscan_direct, VmCounter.pgsteal_direct, ref costNs);
        }

        return total;
    }

    /// <summary>
    /// <see cref="Reserve"/> on a machine of more than one node: the allocation's zonelist nodes
    /// (<see cref="FrameTable.AllocationNodes"/>) are checked, their kswapds woken and shrunk
    /// as the class comment says. False when the OOM killer chose the requester.
    /// </summary>
    private bool ReserveOnNodes(int requesterMm, long pages, ref long costNs, long mandatory)
    {
        var nodes = _frames.AllocationNodes();
        var mask = _frames.BindMask;
        var textbook = Machine.Watermarks == WatermarkMode.Off;
        var failures = 0;
        while (true)
        {
            long want;
            if (textbook)
            {
                long free = 0;
                foreach (var node in nodes)
                {
                    free += NodeFreePages(node);
                }

                if (free >= pages)
                {
                    return true;
                }

                want = pages - free;
            }
            else
            {
                if (SomeNodeAbove(nodes, pages, low: true))
                {
                    return true;
                }

                foreach (var node in nodes)
                {
                    if (!NodeBalanced(node))
                    {
                        WakeKswapd(node);
                    }
                }

                if (SomeNodeAbove(nodes, pages, low: false))
                {
                    return true;
                }

                want = SwapClusterMax;
            }

            _vmstat[(int)VmCounter.allocstall]++;
            var tally = ShrinkZones(nodes, (int)Math.Min(want, int.MaxValue), ref costNs);
            if (tally.Reclaimed > 0)
            {
                failures = 0;
                continue;
            }

            if (_frames.DrainPcp() > 0)
            {
                continue;
            }

            if (pages > mandatory)
            {
                pages = mandatory;
                continue;
            }

            // should_reclaim_retry: a bind policy's nodes with nothing left to reclaim go to the
            // OOM killer at once; otherwise 16 passes without progress.
            if (mask == 0 && ++failures < MaxReclaimRetries)
            {
                continue;
            }

            failures = 0;
            if (!OomKill(requesterMm, pages, costNs, mask))
            {
                return false;
            }
        }
    }

    /// <summary>Whether some node of <paramref name="nodes"/> keeps its low (or min) watermark after <paramref name="pages"/> more.</summary>
    private bool SomeNodeAbove(int[] nodes, long pages, bool low)
    {
        foreach (var node in nodes)
        {
            var marks = NodeWatermarks(node);
            if (NodeFreePages(node) - pages >= (low ? marks.Low : marks.Min))
            {
                return true;
            }
        }

        return false;
    }
}
