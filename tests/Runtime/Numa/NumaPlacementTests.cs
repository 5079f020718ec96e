using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Numa;

/// <summary>
/// Where a policy puts pages and how /sys/devices/system/node/nodeN/numastat counts them
/// (mm/vmstat.c zone_statistics; mm/mempolicy.c alloc_pages_mpol for interleave_hit): a page
/// on the zonelist's first node is a numa_hit there, else a numa_miss there and a
/// numa_foreign on the preferred node; local_node or other_node by the node the task runs on.
/// Each test takes numastat before and after touching a 1 MiB mapping with
/// <c>pagetables free</c>, so the difference is the mapping's 256 pages alone.
/// </summary>
public class NumaPlacementTests
{
    private const string Machine = "machine { ram 128M; numa 2 nodes; pagetables free }\n";

    private static readonly string[] Names = ["numa_hit", "numa_miss", "numa_foreign", "interleave_hit", "local_node", "other_node"];

    /// <summary>The numastat counters of each node the touch added: [node][counter] in numastat's order.</summary>
    private static long[][] TouchDelta(string options, int nodes = 2, string machine = Machine)
    {
        var r = CheckedRun.Of("numa.mems", machine + $"process p ({options}) {{\n a = mmap 1M\n numastat\n touch a\n numastat\n}}");
        var shots = r.Timeline.OfType<TimelineEvent.Snapshot>().Where(s => s.Title == "numastat").ToList();
        Assert.Equal(2, shots.Count);
        var delta = new long[nodes][];
        for (var n = 0; n < nodes; n++)
        {
            delta[n] = new long[Names.Length];
            for (var i = 0; i < Names.Length; i++)
                delta[n][i] = Counter(shots[1], n, Names[i]) - Counter(shots[0], n, Names[i]);
        }

        return delta;
    }

    /// <summary>A counter of node <paramref name="node"/> from a numastat snapshot.</summary>
    internal static long Counter(TimelineEvent.Snapshot shot, int node, string name)
    {
        var block = shot.Lines.SkipWhile(l => l != $"/sys/devices/system/node/node{node}/numastat").Skip(1).Take(Names.Length);
        var line = block.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void LocalPolicy_PutsEveryPageOnTheRunningNode_AsLocalHits()
    {
        var d = TouchDelta("node 1");
        Assert.Equal([0L, 0, 0, 0, 0, 0], d[0]);
        Assert.Equal([256L, 0, 0, 0, 256, 0], d[1]);
    }

    [Fact]
    public void BindToTheOtherNode_CountsHitsThere_AsOtherNode()
    {
        // policy_nodemask: bind keeps the running node as nid and filters the zonelist, so the
        // preferred zone is node 1's: hits on node 1, other_node because the task runs on node 0.
        var d = TouchDelta("node 0, mempolicy bind 1");
        Assert.Equal([0L, 0, 0, 0, 0, 0], d[0]);
        Assert.Equal([256L, 0, 0, 0, 0, 256], d[1]);
    }

    [Fact]
    public void PreferredNode_TakesThePages_WhileItHasRoom()
    {
        var d = TouchDelta("node 0, mempolicy preferred 1");
        Assert.Equal([0L, 0, 0, 0, 0, 0], d[0]);
        Assert.Equal([256L, 0, 0, 0, 0, 256], d[1]);
    }

    [Fact]
    public void Interleave_AlternatesNodesByPageOffset_EachAnInterleaveHit()
    {
        // interleave_nid: node = (vm_pgoff + page index) mod 2; 128 pages each.
        var d = TouchDelta("node 0, mempolicy interleave 0,1");
        Assert.Equal([128L, 0, 0, 128, 128, 0], d[0]);
        Assert.Equal([128L, 0, 0, 128, 0, 128], d[1]);
    }

    [Fact]
    public void FullLocalNode_FallsBackToTheOtherNode_AsMissThereAndForeignHere()
    {
        // 40 MiB on a node of 32 MiB (watermarks off): what node 0 cannot hold comes from node 1.
        var r = CheckedRun.Of("numa.mems", "machine { ram 64M; numa 2 nodes; watermarks off; pagetables free }\n"
            + "process p (node 0) {\n a = mmap 40M\n numastat\n touch a\n numastat\n numa_maps\n}");
        var shots = r.Timeline.OfType<TimelineEvent.Snapshot>().Where(s => s.Title == "numastat").ToList();
        long D(int node, string name) => Counter(shots[1], node, name) - Counter(shots[0], node, name);
        var miss = D(1, "numa_miss");
        Assert.True(miss > 0);
        Assert.Equal(miss, D(0, "numa_foreign"));
        Assert.Equal(miss, D(1, "other_node"));
        Assert.Equal(0, D(1, "numa_hit"));
        Assert.Equal(10240, D(0, "numa_hit") + miss);
        var maps = r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Title.EndsWith("/numa_maps", StringComparison.Ordinal));
        Assert.Contains(maps.Lines, l => l.EndsWith($" anon=10240 dirty=10240 active=0 N0={10240 - miss} N1={miss} kernelpagesize_kB=4", StringComparison.Ordinal));
    }

    [Fact]
    public void Fallback_GoesToTheNodeAboveFirst_AtEqualDistance()
    {
        // build_zonelists' find_next_best_node: node 1's list is 1, 2, 0 (a tie prefers the next node).
        var r = CheckedRun.Of("numa.mems", "machine { ram 96M; numa 3 nodes; watermarks off; pagetables free }\n"
            + "process p (node 1) {\n a = mmap 40M\n touch a\n numa_maps\n}");
        var maps = r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Title.EndsWith("/numa_maps", StringComparison.Ordinal));
        var line = maps.Lines.Single(l => l.Contains("anon=10240", StringComparison.Ordinal));
        Assert.DoesNotContain(" N0=", line);
        Assert.Contains(" N1=", line);
        Assert.Contains(" N2=", line);
    }

    [Theory]
    [InlineData(0, "N0=5706 N1=4534", 0L)]
    [InlineData(1, "N0=10134 N1=106", 4480L)]
    public void ZoneReclaimMode1_ReclaimsLocalCleanCache_BeforeGoingRemote(int mode, string nodes, long reclaimed)
    {
        // 40 MiB of clean, unmapped page cache fills node 0 from boot; then 40 MiB of anonymous
        // memory from a task on node 0. Mode 0 spills to node 1 once node 0 is at its low
        // watermark; mode 1 (node_reclaim) drops node 0's cache first and keeps 99% local (the
        // per-CPU lists' refills of up to 96 pages at a time still reach node 1 for 106 pages).
        var r = CheckedRun.Of("zr.mems", $"machine {{ ram 128M; numa 2 nodes; zone_reclaim_mode {mode} }}\n"
            + "file \"data\" size 40M cached\nprocess p (node 0) {\n a = mmap 40M\n touch a\n numa_maps\n}");
        var maps = r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Title.EndsWith("/numa_maps", StringComparison.Ordinal));
        Assert.Contains(maps.Lines, l => l.EndsWith($" anon=10240 dirty=10240 active=0 {nodes} kernelpagesize_kB=4", StringComparison.Ordinal));
        Assert.Equal(reclaimed, r.Vmstat.Single(c => c.Name == "pgsteal_direct").Value);
    }

    [Fact]
    public void OneNodeMachine_CountsEveryPageAsALocalHit()
    {
        var d = TouchDelta("node 0", nodes: 1, machine: "machine { pagetables free }\n");
        Assert.Equal([256L, 0, 0, 0, 256, 0], d[0]);
    }
}
