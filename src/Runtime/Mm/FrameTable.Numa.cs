using System.Numerics;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The node choice of <see cref="FrameTable"/> on a machine of more than one
/// NUMA node (a one-node machine never comes here: <see cref="_numa"/> is one
/// branch). The kernel sets the allocation context (<see cref="SetNumaContext"/>:
/// the node the task runs on and the policy in force, the task's or the
/// faulting VMA's); each allocation then picks its zonelist as
/// mm/mempolicy.c alloc_pages_mpol and policy_nodemask do: local (and
/// default) the running node's, preferred the policy's node's, bind the
/// running node's zonelist filtered to the policy's nodes, interleave the
/// node <see cref="InterleaveNode"/> gives for a fault (interleave_nid, by
/// page offset) or the task's round-robin counter otherwise
/// (interleave_nodes). A zonelist is the node order of
/// <see cref="Numa.NodeLayout.FallbackOrder"/>, each node's zones highest
/// first; one list per (node, mask) is built once and kept. Every allocation
/// is counted as mm/vmstat.c zone_statistics counts it: numa_hit on the node
/// of the page when it is the node of the zonelist's first zone, else
/// numa_miss there and numa_foreign on the preferred node; local_node or
/// other_node by the node the task runs on; interleave_hit when an
/// interleave allocation landed on the node it chose (alloc_pages_mpol).
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>The counters of /sys/devices/system/node/nodeN/numastat, in its order.</summary>
    public static readonly string[] NumaStatNames = ["numa_hit", "numa_miss", "numa_foreign", "interleave_hit", "local_node", "other_node"];

    private const int NumaHit = 0, NumaMiss = 1, NumaForeign = 2, InterleaveHit = 3, LocalNode = 4, OtherNode = 5;

    private bool _numa;
    private Numa.NodeLayout? _nodes;
    private int[] _zoneNode = [0];
    private int[][] _classesByZone = [];
    private readonly Dictionary<(int Node, ulong Mask), int[][]> _nodeLists = [];
    private readonly Dictionary<(int Node, ulong Mask), int[]> _nodeOrders = [];
    private long[] _numaStats = new long[NumaStatNames.Length];

    /// <summary>Pages allocated on a one-node machine (its numa_hit and local_node).</summary>
    private long _allocatedPages;

    private int _localNode;
    private MemPolicy _policy;
    private int _faultNode = -1;
    private AddressSpace? _task;
    private int _chosenNode;
    private bool _interleaving;

    /// <summary>More than one node.</summary>
    public bool IsNuma => _numa;

    /// <summary>The nodes (null before <see cref="SetUpNodes"/> on a one-node machine).</summary>
    public Numa.NodeLayout? Nodes => _nodes;

    public int NodeCount => _nodes?.Count ?? 1;

    /// <summary>The node populated zone <paramref name="zone"/> belongs to.</summary>
    public int NodeOfZone(int zone) => _numa ? _zoneNode[zone] : 0;

    /// <summary>The node frame <paramref name="pfn"/> belongs to.</summary>
    public int NodeOf(int pfn) => _numa ? _nodes!.NodeOf(pfn) : 0;

    /// <summary>The node whose memory the allocation context's bind policy allows, as a mask; 0 when not bound.</summary>
    public ulong BindMask => _numa && _policy.Mode == MemPolicyMode.Bind ? _policy.Nodes : 0;

    /// <summary>Free pages of node <paramref name="node"/> (its zones' NR_FREE_PAGES summed).</summary>
    public long NodeFree(int node)
    {
        long free = 0;
        for (var z = 0; z < _zoneFree.Length; z++)
        {
            free += NodeOfZone(z) == node ? _zoneFree[z] : 0;
        }

        return free;
    }

    /// <summary>
    /// One numastat counter of node <paramref name="node"/> (<see cref="NumaStatNames"/> order), its
    /// zones' summed. A one-node machine counts no events: every page it allocates is a
    /// numa_hit and a local_node allocation of node 0.
    /// </summary>
    public long NumaStat(int node, int item)
    {
        if (!_numa)
        {
            return item is NumaHit or LocalNode ? _allocatedPages : 0;
        }

        long sum = 0;
        for (var z = 0; z < _zoneNode.Length; z++)
        {
            sum += _zoneNode[z] == node ? _numaStats[(z * NumaStatNames.Length) + item] : 0;
        }

        return sum;
    }

    /// <summary>One NUMA event counter of populated zone <paramref name="zone"/> (zoneinfo's numa_hit ...), in <see cref="NumaStatNames"/> order.</summary>
    public long ZoneNumaStat(int zone, int item) =>
        _numa ? _numaStats[(zone * NumaStatNames.Length) + item] : item is NumaHit or LocalNode ? _allocatedPages : 0;

    /// <summary>Lays the node lists out (boot, more than one node).</summary>
    private void SetUpNodes(Zones.ZoneLayout layout)
    {
        _nodes = layout.Nodes;
        _numa = true;
        _zoneNode = new int[PopulatedZones.Count];
        for (var z = 0; z < _zoneNode.Length; z++)
        {
            _zoneNode[z] = PopulatedZones[z].Node;
        }

        _numaStats = new long[_zoneNode.Length * NumaStatNames.Length];
        _classesByZone = new int[_zonelist.Length][];
        for (var c = 0; c < _zonelist.Length; c++)
        {
            _classesByZone[c] = [.. _zonelist[c]];
        }

        SelectNode();
    }

    /// <summary>
    /// The allocation context until the next call: the task runs on <paramref name="localNode"/>
    /// under <paramref name="policy"/>; <paramref name="faultNode"/> is the node an interleave
    /// policy chose for the fault in progress (-1: the task's counter decides per allocation).
    /// </summary>
    public void SetNumaContext(int localNode, MemPolicy policy, int faultNode, AddressSpace? task)
    {
        _localNode = localNode;
        _policy = policy;
        _faultNode = faultNode;
        _task = task;
    }

    /// <summary>
    /// Whether no zone of node <paramref name="node"/> that a user page may use passes its low
    /// watermark plus lowmem_reserve for one more page (zone_watermark_ok as
    /// get_page_from_freelist checks it before node_reclaim).
    /// </summary>
    public bool NodeBelowLow(int node)
    {
        const int gfp = (int)Zones.GfpZone.HighUser;
        foreach (var z in _classesByZone[gfp])
        {
            if (_zoneNode[z] == node && _zoneFree[z] - 1 >= _lowMark[gfp][z])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The policy of the allocation context.</summary>
    public MemPolicy ContextPolicy => _policy;

    /// <summary>The node an interleave policy chose for the fault in progress, once its order is known (a huge page).</summary>
    public void SetFaultNode(int node) => _faultNode = node;

    /// <summary>policy_nodemask: the node this allocation prefers and the zonelist it walks.</summary>
    private void SelectNode()
    {
        var node = _localNode;
        ulong mask = 0;
        _interleaving = false;
        switch (_policy.Mode)
        {
            case MemPolicyMode.Preferred:
                node = BitOperations.TrailingZeroCount(_policy.Nodes);
                break;
            case MemPolicyMode.Bind:
                mask = _policy.Nodes;
                break;
            case MemPolicyMode.Interleave:
                node = _faultNode >= 0 ? _faultNode : NextInterleaved();
                _interleaving = true;
                break;
        }

        _chosenNode = node;
        if (!_nodeLists.TryGetValue((node, mask), out var lists))
        {
            _nodeLists[(node, mask)] = lists = BuildLists(node, mask);
        }

        _zonelist = lists;
    }

    /// <summary>
    /// The nodes the next allocation's zonelist walks, in its order (bind: the policy's nodes
    /// only), as <see cref="SelectNode"/> would choose them, without advancing an interleave
    /// counter: the nodes the slow path checks, wakes the kswapd of and shrinks. One array
    /// per (node, mask), built once.
    /// </summary>
    public int[] AllocationNodes()
    {
        var node = _localNode;
        ulong mask = 0;
        switch (_policy.Mode)
        {
            case MemPolicyMode.Preferred:
                node = BitOperations.TrailingZeroCount(_policy.Nodes);
                break;
            case MemPolicyMode.Bind:
                mask = _policy.Nodes;
                break;
            case MemPolicyMode.Interleave:
                node = _faultNode >= 0 ? _faultNode : NextNodeIn(_policy.Nodes, _task?.InterleaveLast ?? -1);
                break;
        }

        if (!_nodeOrders.TryGetValue((node, mask), out var nodes))
        {
            var order = new List<int>();
            foreach (var n in _nodes!.FallbackOrder(node))
            {
                if (mask == 0 || (mask >> n & 1) != 0)
                {
                    order.Add(n);
                }
            }

            _nodeOrders[(node, mask)] = nodes = order.Count > 0 ? [.. order] : _nodes.FallbackOrder(node);
        }

        return nodes;
    }

    /// <summary>interleave_nodes: the node after the task's last one in the policy's mask (next_node_in).</summary>
    private int NextInterleaved()
    {
        var last = _task?.InterleaveLast ?? -1;
        var next = NextNodeIn(_policy.Nodes, last);
        if (_task is not null)
        {
            _task.InterleaveLast = next;
        }

        return next;
    }

    /// <summary>next_node_in: the first node of <paramref name="mask"/> above <paramref name="after"/>, wrapping round.</summary>
    public static int NextNodeIn(ulong mask, int after)
    {
        var above = after >= 63 ? 0 : mask & ~((2UL << after) - 1);
        return BitOperations.TrailingZeroCount(above != 0 ? above : mask);
    }

    /// <summary>interleave_nid: node number <paramref name="index"/> modulo the node count of <paramref name="mask"/>.</summary>
    public static int InterleaveNode(ulong mask, ulong index)
    {
        var target = (int)(index % (ulong)BitOperations.PopCount(mask));
        var node = BitOperations.TrailingZeroCount(mask);
        for (var i = 0; i < target; i++)
        {
            node = NextNodeIn(mask, node);
        }

        return node;
    }

    /// <summary>Each gfp class's zonelist of node <paramref name="node"/>, restricted to <paramref name="mask"/> (0: all nodes).</summary>
    private int[][] BuildLists(int node, ulong mask)
    {
        var order = _nodes!.FallbackOrder(node);
        var lists = new int[_classesByZone.Length][];
        for (var c = 0; c < lists.Length; c++)
        {
            var allowed = _classesByZone[c];
            var list = new List<int>();
            foreach (var n in order)
            {
                if (mask != 0 && (mask >> n & 1) == 0)
                {
                    continue;
                }

                for (var z = _zoneNode.Length - 1; z >= 0; z--)
                {
                    if (_zoneNode[z] == n && Array.IndexOf(allowed, z) >= 0)
                    {
                        list.Add(z);
                    }
                }
            }

            lists[c] = list.Count > 0 ? [.. list] : mask != 0 ? BuildLists(node, 0)[c] : allowed;
        }

        return lists;
    }

    /// <summary>zone_statistics for <paramref name="pages"/> pages from populated zone <paramref name="z"/>.</summary>
    private void CountNuma(int gfp, int z, long pages)
    {
        const int items = 6;
        var node = _zoneNode[z];
        var preferredZone = _zonelist[gfp][0];
        if (node == _zoneNode[preferredZone])
        {
            _numaStats[(z * items) + NumaHit] += pages;
        }
        else
        {
            _numaStats[(z * items) + NumaMiss] += pages;
            _numaStats[(preferredZone * items) + NumaForeign] += pages;
        }

        _numaStats[(z * items) + (node == _localNode ? LocalNode : OtherNode)] += pages;
        if (_interleaving && node == _chosenNode)
        {
            _numaStats[(z * items) + InterleaveHit]++;
        }
    }

    /// <summary>Allocate's NUMA path: choose the zonelist, take the frame, count it.</summary>
    private int AllocateOnNode(FrameKind kind, int owner, long index, Zones.GfpZone gfp, long stillNeeded)
    {
        SelectNode();
        var pfn = AllocateFromList(kind, owner, index, gfp, stillNeeded);
        CountNuma((int)gfp, ZoneOf(pfn), 1);
        return pfn;
    }
}
