using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Numa;

/// <summary>
/// A pglist_data per node (mm/vmscan.c, Linux 6.18): each node has its own LRU lists and its
/// own kswapd (kswapd0, kswapd1, ...), woken when an allocation finds its zonelist's nodes
/// below their low watermarks (wake_all_kswapds: wakeup_kswapd per zone's pgdat) and
/// balancing its own node only (balance_pgdat, pgdat_balanced), with kswapd_failures per node
/// (zoneinfo's node_unreclaimable); direct reclaim walks the zonelist's nodes (shrink_zones).
/// </summary>
public class NodeKswapdTests
{
    private static List<string> KernelLines(SimulationResult r) =>
        r.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines).ToList();

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.Single(c => c.Name == name).Value;

    private static ProcessSummary Process(SimulationResult r, string name) => r.Processes.Single(p => p.Name == name);

    [Fact]
    public void PressureOnNode1_Kswapd1ReclaimsNode1_WhileNode0PagesStayResident()
    {
        // hog is bound to node 1 (64 MiB) and touches 72 MiB: node 1 falls below its low
        // watermark and kswapd1 swaps hog's pages out. reader's file and anonymous pages are on
        // node 0, which stays above its marks: kswapd0 never wakes and nothing of node 0 goes.
        var r = CheckedRun.Of("two.mems", "machine { ram 128M; numa 2 nodes; swap 256M }\nfile \"index\" size 16M\n"
            + "process reader (node 0) {\n idx = mmap file \"index\"\n read idx\n keep = mmap 8M\n touch keep\n sleep 100ms\n read idx\n read keep\n}\n"
            + "process hog (node 1, mempolicy bind 1, start 10ms) {\n buf = mmap 72M\n touch buf\n}");
        var lines = KernelLines(r);
        Assert.Contains(lines, l => l.StartsWith("kswapd1 wakes: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kswapd1 sleeps: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("kswapd0", StringComparison.Ordinal));
        Assert.True(Vmstat(r, "pgsteal_kswapd") > 0);
        Assert.True(Process(r, "hog").VmSwapKb > 0);
        var reader = Process(r, "reader");
        Assert.Equal(0, reader.VmSwapKb);
        Assert.Equal(1, reader.MajFlt);   // the first read of the file only
        Assert.Equal(0, CheckedRun.Row(r, 9).MinFlt + CheckedRun.Row(r, 9).MajFlt);   // the cache is still there
        Assert.Equal(0, CheckedRun.Row(r, 10).MinFlt + CheckedRun.Row(r, 10).MajFlt);   // so are keep's pages
    }

    [Fact]
    public void OneNodeMachine_HasKswapd0Alone()
    {
        var r = CheckedRun.Of("one.mems", "machine { ram 64M; swap 128M }\nprocess hog {\n buf = mmap 72M\n touch buf\n}");
        var lines = KernelLines(r);
        Assert.Contains(lines, l => l.StartsWith("kswapd0 wakes: ", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("kswapd", StringComparison.Ordinal)), l => Assert.StartsWith("kswapd0 ", l));
        Assert.All(r.Series.KswapdSpans, s => Assert.Equal(0, s.Node));
    }

    [Fact]
    public void HopelessNode_IsCountedPerNode()
    {
        // db bound to node 0 holds only anonymous memory and there is no swap: kswapd0 frees
        // nothing 16 times in a row and node 0 is hopeless (node_unreclaimable 1 in each of its
        // zones); node 1 never ran short and stays 0.
        var r = CheckedRun.Of("hopeless.mems", "machine { ram 128M; numa 2 nodes }\n"
            + "process web (node 1, mempolicy bind 1) {\n a = mmap 40M\n touch a\n}\n"
            + "process db (node 0, mempolicy bind 0, start 50ms) {\n a = mmap 80M\n touch a\n}\n"
            + "at 1s { zoneinfo }\nexpect db killed");
        var zoneinfo = r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Title == "/proc/zoneinfo").Lines;
        var unreclaimable = new Dictionary<int, List<string>> { [0] = [], [1] = [] };
        var node = -1;
        foreach (var line in zoneinfo)
        {
            if (line.StartsWith("Node ", StringComparison.Ordinal))
                node = line[5] - '0';
            else if (line.StartsWith("  node_unreclaimable:", StringComparison.Ordinal))
                unreclaimable[node].Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }

        Assert.Equal(["1", "1"], unreclaimable[0]);   // DMA and DMA32
        Assert.Equal(["0"], unreclaimable[1]);        // DMA32
        var lines = KernelLines(r);
        Assert.Contains("kswapd0 woke 8 more times (not listed): reclaimed 0 pages, scanned 0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("kswapd1", StringComparison.Ordinal));
    }

    [Fact]
    public void DirectReclaim_WalksTheZonelistsNodes_AndFreesTheRemoteNodesCache()
    {
        // 40 MiB of unmapped page cache on node 1, then 100 MiB of anonymous memory from a task
        // on node 0 with no swap: node 0 holds nothing reclaimable (kswapd0 gives up), so every
        // page direct reclaim and kswapd1 free is node 1's cache, and app gets all its memory.
        var r = CheckedRun.Of("remote.mems", "machine { ram 128M; numa 2 nodes }\nfile \"data\" size 40M\n"
            + "process cache (node 1) {\n d = mmap file \"data\"\n read d\n munmap d\n}\n"
            + "process app (node 0, start 20ms) {\n a = mmap 100M\n touch a\n}");
        Assert.Equal(102400, Process(r, "app").VmRssKb);
        Assert.Equal(0, Vmstat(r, "oom_kill"));
        Assert.True(Vmstat(r, "pgsteal_direct") > 0);
        Assert.True(Vmstat(r, "pgsteal_kswapd") > 0);
        var lines = KernelLines(r);
        Assert.Contains(lines, l => l.StartsWith("kswapd0 gives up: no progress", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kswapd1 sleeps: ", StringComparison.Ordinal));
        Assert.Contains(r.Series.KswapdSpans, s => s.Node == 1);
    }
}
