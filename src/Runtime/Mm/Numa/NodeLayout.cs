namespace MemScript.Runtime.Mm.Numa;

/// <summary>
/// The machine's NUMA nodes: each node's pfn range (RAM split evenly, or as
/// <c>numa nodes SIZE, ...</c> lists it, node 0 from pfn 0 upward, as the
/// firmware's SRAT describes a simple box) and the distance matrix
/// (node_distance: <c>local</c> on the diagonal, <c>remote</c> elsewhere,
/// the SLIT's 10 and 20 by default). <see cref="FallbackOrder"/> is the node
/// order of a node's zonelist (mm/page_alloc.c build_zonelists with
/// find_next_best_node): the node itself, then the others by distance, a
/// tie going to the nodes above it before those below ("prefer the next
/// node"); the node_load spreading of equal-distance nodes is not modelled.
/// </summary>
internal sealed class NodeLayout
{
    private NodeLayout(long[] start, long[] end, int local, int remote)
    {
        Start = start;
        End = end;
        LocalDistance = local;
        RemoteDistance = remote;
    }

    public int Count => Start.Length;

    /// <summary>First pfn of each node.</summary>
    public long[] Start { get; }

    /// <summary>End pfn (exclusive) of each node.</summary>
    public long[] End { get; }

    public int LocalDistance { get; }

    public int RemoteDistance { get; }

    public int Distance(int from, int to) => from == to ? LocalDistance : RemoteDistance;

    public static NodeLayout For(MachineSettings machine)
    {
        var page = (long)machine.PageSize;
        var total = (long)(machine.Ram / machine.PageSize);
        var sizes = machine.NumaNodeSizes;
        var count = sizes?.Length ?? Math.Max(1, machine.NumaNodes);
        var start = new long[count];
        var end = new long[count];
        long at = 0;
        for (var n = 0; n < count; n++)
        {
            var pages = sizes is not null ? (long)(sizes[n] / (ulong)page) : n == count - 1 ? total - at : total / count;
            start[n] = at;
            at = Math.Min(total, at + pages);
            end[n] = n == count - 1 ? total : at;
        }

        return new NodeLayout(start, end, machine.NumaLocalDistance, machine.NumaRemoteDistance);
    }

    /// <summary>The node order of node <paramref name="node"/>'s zonelist.</summary>
    public int[] FallbackOrder(int node)
    {
        var order = new List<int> { node };
        var used = new bool[Count];
        used[node] = true;
        while (order.Count < Count)
        {
            var best = -1;
            var bestValue = long.MaxValue;
            for (var n = 0; n < Count; n++)
            {
                if (used[n])
                {
                    continue;
                }

                var value = ((long)Distance(node, n) * 2) + (n < node ? 1 : 0);
                if (value < bestValue)
                {
                    bestValue = value;
                    best = n;
                }
            }

            used[best] = true;
            order.Add(best);
        }

        return [.. order];
    }

    /// <summary>The node pfn <paramref name="pfn"/> lies in.</summary>
    public int NodeOf(long pfn)
    {
        var n = 0;
        while (n < Count - 1 && pfn >= End[n])
        {
            n++;
        }

        return n;
    }
}
