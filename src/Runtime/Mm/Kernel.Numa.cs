using System.Globalization;
using System.Text;

namespace MemScript.Runtime.Mm;

/// <summary>
/// NUMA as the rest of the kernel sees it (the node choice itself is in
/// FrameTable.Numa.cs). A task runs on its node under its policy: the
/// scheduler's switch to its mm makes them the allocation context, and a
/// fault makes the faulting VMA's policy (mbind) the context while it runs,
/// an interleave policy choosing the node by the page's offset in the VMA
/// (get_vma_policy's ilx: vm_pgoff plus the page index, so an anonymous page
/// goes to node (address &gt;&gt; PAGE_SHIFT) mod the node count). A bind
/// policy whose nodes run out goes to the OOM killer constrained to them
/// (<see cref="OomNodemask"/>: CONSTRAINT_MEMORY_POLICY) even while other
/// nodes are free (the slow path is in Kernel.ShrinkNode.cs). An access to a page on another node than the task's costs
/// <see cref="CostModel.RemoteAccess"/> more per 10 of distance above the local
/// distance. Also here: per-node meminfo, numastat and /proc/PID/numa_maps.
/// A one-node machine never runs any of it (<see cref="_numa"/>).
/// </summary>
internal sealed partial class Kernel
{
    private bool _numa;
    private long _remoteCostNs;

    /// <summary>While the OOM killer runs for a bind policy: the policy's nodes (0 otherwise).</summary>
    public ulong OomNodemask { get; private set; }

    /// <summary>The machine's NUMA node count.</summary>
    public int NodeCount => _frames.NodeCount;

    private void SetUpNuma()
    {
        _numa = _frames.IsNuma;
        if (_numa)
        {
            var nodes = _frames.Nodes!;
            _remoteCostNs = Costs.RemoteAccess * Math.Max(0, nodes.RemoteDistance - nodes.LocalDistance) / 10;
        }
    }

    /// <summary>The node and policy of the task of <paramref name="mm"/> (its start, a fork's options).</summary>
    public void SetNumaTask(int mm, int? node, MemPolicy? policy)
    {
        var m = _mms[mm];
        if (node is { } n)
        {
            m.Node = n;
        }

        if (policy is { } p)
        {
            m.Policy = p;
            m.InterleaveLast = -1;
        }

        if (_numa && ReferenceEquals(m, _loadedMm))
        {
            _frames.SetNumaContext(m.Node, m.Policy, -1, m);
        }
    }

    /// <summary>The task policy of <paramref name="mm"/>.</summary>
    public MemPolicy TaskPolicy(int mm) => _mms[mm].Policy;

    /// <summary>The scheduler runs <paramref name="m"/>: its node and policy become the allocation context.</summary>
    private void NumaSwitch(AddressSpace m) => _frames.SetNumaContext(m.Node, m.Policy, -1, m);

    /// <summary>A fault under the VMA's policy (or the task's), then the task's context again.</summary>
    private FaultResult HandleFaultOnNode(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        var policy = vma.Policy ?? m.Policy;
        var node = -1;
        if (policy.Mode == MemPolicyMode.Interleave)
        {
            var ilx = vma.Kind == MapKind.AnonPrivate ? va >> _pageShift : vma.ObjectPage(va);
            node = FrameTable.InterleaveNode(policy.Nodes, ilx);
        }

        _frames.SetNumaContext(m.Node, policy, node, m);
        if (Machine.ZoneReclaimMode != 0 && policy.Mode is MemPolicyMode.Default or MemPolicyMode.Local)
        {
            NodeReclaim(m.Node, ref costNs);
        }

        try
        {
            var result = HandleFaultCore(m, vma, va, kind, populate, ref costNs);
            if (!populate && result is not (FaultResult.SegvMapErr or FaultResult.SegvAccErr))
            {
                costNs += RemoteCost(m, va);
            }

            return result;
        }
        finally
        {
            _frames.SetNumaContext(m.Node, m.Policy, -1, m);
        }
    }

    /// <summary>
    /// zone_reclaim_mode 1 (mm/vmscan.c node_reclaim): before an allocation leaves node
    /// <paramref name="node"/> for another node because none of its zones passes the low
    /// watermark (plus lowmem_reserve), up to
    /// SWAP_CLUSTER_MAX clean, unmapped page-cache pages of the node are reclaimed from the
    /// cold end of the node's inactive file list (RECLAIM_ZONE alone: no unmapping, no writeback, no
    /// swap), when the node holds more of them than min_unmapped_pages (1% of its pages).
    /// </summary>
    private void NodeReclaim(int node, ref long costNs)
    {
        if (!_frames.NodeBelowLow(node))
        {
            return;
        }

        var nodes = _frames.Nodes!;
        var minUnmapped = (nodes.End[node] - nodes.Start[node]) / 100;
        long candidates = 0;
        for (var pfn = _frames.Lru.Tail(node, LruList.InactiveFile); pfn >= 0; pfn = _frames[pfn].LruPrev)
        {
            candidates += NodeReclaimable(pfn) ? 1 : 0;
        }

        if (candidates <= minUnmapped)
        {
            return;
        }

        long scanned = 0, reclaimed = 0;
        for (var pfn = _frames.Lru.Tail(node, LruList.InactiveFile); pfn >= 0 && reclaimed < SwapClusterMax;)
        {
            var prev = _frames[pfn].LruPrev;
            scanned++;
            if (NodeReclaimable(pfn) && CanEvict(pfn) && Evict(pfn))
            {
                reclaimed++;
            }

            pfn = prev;
        }

        _vmstat[(int)VmCounter.pgscan_direct] += scanned;
        _vmstat[(int)VmCounter.pgsteal_direct] += reclaimed;
        costNs += scanned * Costs.ReclaimScanPerPage;
        if (reclaimed > 0)
        {
            _kswapdFailures[node] = 0;   // shrink_node made progress on the node
        }
    }

    /// <summary>A clean page-cache page no process maps (RECLAIM_ZONE alone may take it).</summary>
    private bool NodeReclaimable(int pfn)
    {
        ref var frame = ref _frames[pfn];
        return frame.Kind == FrameKind.File && frame.MapCount == 0 && (frame.Flags & FrameFlags.Dirty) == 0;
    }

    /// <summary>
    /// A huge-page fault under an interleave policy: get_vma_policy's index at order 9,
    /// (vm_pgoff &gt;&gt; 9) + ((addr - vm_start) &gt;&gt; 21), so 2 MiB folios alternate nodes.
    /// </summary>
    private void NumaHugeNode(Vma vma, long index)
    {
        var policy = _frames.ContextPolicy;
        if (policy.Mode != MemPolicyMode.Interleave)
        {
            return;
        }

        var addr = (ulong)index << _pageShift;
        var ilx = ((vma.Start >> _pageShift) >> HugeOrder) + ((addr - vma.Start) >> (_pageShift + HugeOrder));
        _frames.SetFaultNode(FrameTable.InterleaveNode(policy.Nodes, ilx));
    }

    /// <summary>The extra cost of an access from <paramref name="m"/>'s node to the page mapped at <paramref name="va"/>.</summary>
    private long RemoteCost(AddressSpace m, ulong va)
    {
        var leaf = m.Tables.FindLeaf(va);
        var pte = leaf is null ? 0 : leaf[(int)(va >> _pageShift) & _pteMask];
        return RemoteCostOf(m, pte);
    }

    private long RemoteCostOf(AddressSpace m, ulong pte) =>
        (pte & Pte.Present) != 0 && (pte & Pte.Zero) == 0 && _frames.NodeOf(Pte.Frame(pte)) != m.Node ? _remoteCostNs : 0;

    /// <summary>
    /// mbind(2) of [address, address + length) with <paramref name="policy"/>: the VMAs are
    /// split at the ends and take the policy (vma_replace_policy), then merge where they can.
    /// EINVAL for an unaligned start, EFAULT when part of the range is not mapped.
    /// </summary>
    public Errno Mbind(int mm, ulong address, ulong length, MemPolicy policy)
    {
        LastSyscallCostNs = 0;
        var m = _mms[mm];
        if (CheckMappedRange(m, address, length, out var end) is { } early)
        {
            return early == Errno.ENOMEM ? Errno.EFAULT : early;
        }

        SplitHugeAt(m, address);
        SplitHugeAt(m, end);
        VmaList.SplitAt(m, address);
        VmaList.SplitAt(m, end);
        for (var i = m.IndexAbove(address); i < m.Vmas.Count && m.Vmas[i].Start < end; i++)
        {
            m.Vmas[i].Policy = policy;
        }

        MergeAll(m);
        m.CachedVma = null;
        return Errno.Ok;
    }

    /// <summary>The node of each row of <see cref="BuddyFreeBlocksByZone"/>.</summary>
    public IReadOnlyList<int> BuddyNodes()
    {
        var nodes = new List<int>();
        foreach (var zone in _frames.PopulatedZones)
        {
            nodes.Add(zone.Node);
        }

        return nodes;
    }

    private long[] ZoneNumaEvents(int z)
    {
        var events = new long[FrameTable.NumaStatNames.Length];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = _frames.ZoneNumaStat(z, i);
        }

        return events;
    }

    /// <summary>
    /// zoneinfo's per-node stats of node <paramref name="node"/>: the node's LRU list lengths, and
    /// the anon, file, shmem, mapped, dirty and page-table pages counted on the node's frames; the event
    /// counters (refaults) are node 0's, and the rest as <see cref="NodeStats"/> has them.
    /// </summary>
    public IReadOnlyList<(string Name, long Value)> NodeStatsOf(int node)
    {
        var c = NodeMeminfo(node);
        var stats = new List<(string Name, long Value)>();
        foreach (var (name, value) in NodeStats())
        {
            stats.Add((name, name switch
            {
                "nr_inactive_anon" => c[2],
                "nr_active_anon" => c[3],
                "nr_inactive_file" => c[4],
                "nr_active_file" => c[5],
                "nr_unevictable" => c[6],
                "nr_anon_pages" => c[11],
                "nr_mapped" => c[10],
                "nr_file_pages" => c[9],
                "nr_dirty" => c[8],
                "nr_shmem" => c[12],
                "nr_page_table_pages" => c[13],
                _ => node == 0 ? value : 0,
            }));
        }

        return stats;
    }

    /// <summary>One numastat counter of node <paramref name="node"/> (FrameTable.NumaStatNames order).</summary>
    public long NumaStat(int node, int item) => _frames.NumaStat(node, item);

    /// <summary>
    /// /sys/devices/system/node/nodeN/meminfo's figures for node <paramref name="node"/>, in pages:
    /// MemTotal, MemFree, Active(anon), Inactive(anon), Active(file), Inactive(file), Unevictable,
    /// Mlocked, Dirty, FilePages, Mapped, AnonPages, Shmem, PageTables.
    /// </summary>
    public long[] NodeMeminfo(int node)
    {
        var c = new long[14];
        var nodes = _frames.Nodes;
        c[0] = nodes is null ? _ramPages : nodes.End[node] - nodes.Start[node];
        c[1] = _frames.NodeFree(node);
        for (var list = LruList.InactiveAnon; list <= LruList.Unevictable; list++)
        {
            c[2 + (int)list] = _frames.Lru.Count(node, list);   // the node's lruvec (lruvec_page_state)
        }

        for (var z = 0; z < _frames.PopulatedZones.Count; z++)
        {
            if (_frames.NodeOfZone(z) != node)
            {
                continue;
            }

            var (lo, bump) = _frames.MaterializedRange(z);
            for (var pfn = lo; pfn < bump; pfn++)
            {
                ref var frame = ref _frames[pfn];
                switch (frame.Kind)
                {
                    case FrameKind.Anon or FrameKind.File or FrameKind.Shmem:
                        c[7] += (frame.Flags & FrameFlags.Mlocked) != 0 ? 1 : 0;
                        c[8] += frame.Kind == FrameKind.File && (frame.Flags & FrameFlags.Dirty) != 0 ? 1 : 0;
                        c[9] += frame.Kind != FrameKind.Anon ? 1 : 0;
                        c[10] += frame.Kind == FrameKind.File && frame.MapCount > 0 ? 1 : 0;
                        c[11] += frame.Kind == FrameKind.Anon ? 1 : 0;
                        c[12] += frame.Kind == FrameKind.Shmem ? 1 : 0;
                        break;
                    case FrameKind.PageTable:
                        c[13]++;
                        break;
                }
            }
        }

        return c;
    }

    /// <summary>
    /// /proc/PID/numa_maps (fs/proc/task_mmu.c show_numa_map): per VMA its start, its policy
    /// (the VMA's, else the task's), file=PATH, heap or stack, then over its present pages
    /// anon=, dirty=, mapped= (when neither of those), mapmax= (above 1), swapcache=,
    /// active= (below the page count), N&lt;node&gt;= and kernelpagesize_kB=. A VMA with no
    /// page present prints up to its name.
    /// </summary>
    public IReadOnlyList<string> NumaMaps(int mm)
    {
        var m = _mms[mm];
        var maps = Maps(mm);
        var lines = new List<string>(m.Vmas.Count);
        var nodes = new long[_frames.NodeCount];
        var leaves = new List<LeafSpan>();
        for (var v = 0; v < m.Vmas.Count; v++)
        {
            var vma = m.Vmas[v];
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{vma.Start:x8} {vma.Policy ?? m.Policy}");
            if (vma.Role is VmaRole.Heap)
            {
                line.Append(" heap");
            }
            else if (vma.Role is VmaRole.Stack)
            {
                line.Append(" stack");
            }
            else if (maps[v].Path.Length > 0)
            {
                line.Append(" file=").Append(EscapePath(maps[v].Path));
            }

            if (vma.Hugetlb)
            {
                line.Append(" huge");
            }

            long pages = 0, anon = 0, dirty = 0, mapMax = 0, active = 0;
            Array.Clear(nodes);
            leaves.Clear();
            m.Tables.CollectLeaves(vma.Start, vma.End, leaves);
            foreach (var span in leaves)
            {
                for (var j = span.First; j < span.Last; j++)
                {
                    var pte = span.Ptes[j];
                    if ((pte & Pte.Present) == 0 || (pte & Pte.Zero) != 0)
                    {
                        continue;
                    }

                    var pfn = Pte.Frame(pte);
                    ref var frame = ref _frames[pfn];
                    pages++;
                    anon += frame.Kind == FrameKind.Anon ? 1 : 0;
                    dirty += (pte & Pte.Dirty) != 0 || (frame.Flags & FrameFlags.Dirty) != 0 ? 1 : 0;
                    mapMax = Math.Max(mapMax, frame.MapCount);
                    var list = frame.Kind is FrameKind.Anon or FrameKind.File or FrameKind.Shmem ? LruLists.ListOf(frame) : LruList.Unevictable;
                    active += list is LruList.ActiveAnon or LruList.ActiveFile or LruList.Unevictable ? 1 : 0;
                    nodes[_frames.NodeOf(pfn)]++;
                }
            }

            if (vma.Hugetlb)
            {
                // gather_hugetlb_stats: one count per huge page; a private mapping's folios are anonymous.
                var scale = (long)(HugetlbPageSizeOf(vma) / PageSize);
                pages /= scale;
                dirty /= scale;
                anon = vma.Shared ? 0 : pages;
                for (var n = 0; n < nodes.Length; n++)
                {
                    nodes[n] /= scale;
                }
            }

            if (pages > 0)
            {
                AppendCount(line, "anon", anon);
                AppendCount(line, "dirty", dirty);
                if (pages != anon && pages != dirty)
                {
                    line.Append(CultureInfo.InvariantCulture, $" mapped={pages}");
                }

                if (mapMax > 1)
                {
                    line.Append(CultureInfo.InvariantCulture, $" mapmax={mapMax}");
                }

                if (active < pages && !vma.Hugetlb)
                {
                    line.Append(CultureInfo.InvariantCulture, $" active={active}");
                }

                for (var n = 0; n < nodes.Length; n++)
                {
                    if (nodes[n] > 0)
                    {
                        line.Append(CultureInfo.InvariantCulture, $" N{n}={nodes[n]}");
                    }
                }

                line.Append(CultureInfo.InvariantCulture, $" kernelpagesize_kB={(vma.Hugetlb ? HugetlbPageSizeOf(vma) : PageSize) >> 10}");
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    private static void AppendCount(StringBuilder line, string name, long value)
    {
        if (value > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" {name}={value}");
        }
    }

    /// <summary>seq_path's escaping of "\n\t= " (and backslash) as octal.</summary>
    private static string EscapePath(string path)
    {
        var text = new StringBuilder(path.Length);
        foreach (var ch in path)
        {
            if (ch is '\n' or '\t' or '=' or ' ' or '\\')
            {
                text.Append('\\').Append(Convert.ToString(ch, 8).PadLeft(3, '0'));
            }
            else
            {
                text.Append(ch);
            }
        }

        return text.ToString();
    }
}
