using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Tests.Runtime.Numa;

/// <summary>
/// The LRU lists per node (each pglist_data's lruvec, include/linux/mmzone.h): a page joins the
/// lists of its frame's node (folio_lruvec), moves only within them, and leaves them when freed;
/// the machine's counts (/proc/meminfo) are the nodes' summed.
/// </summary>
public class NodeLruListsTests
{
    [Fact]
    public void PagesJoinTheirFramesNodesLists_AndMoveAndLeaveThere()
    {
        var layout = ZoneLayout.For(new MachineSettings { Ram = 128UL << 20, NumaNodes = 2 });
        var frames = new FrameTable(32768, 0, layout);
        frames.SetNumaContext(1, MemPolicy.Default, -1, null);
        var anon1 = frames.Allocate(FrameKind.Anon, 1, 0);
        var file1 = frames.Allocate(FrameKind.File, 2, 0);
        frames.SetNumaContext(0, MemPolicy.Default, -1, null);
        var anon0 = frames.Allocate(FrameKind.Anon, 1, 1);

        Assert.Equal((1, 1, 0), (frames.NodeOf(anon1), frames.NodeOf(file1), frames.NodeOf(anon0)));
        Assert.Equal(1, frames.Lru.Count(0, LruList.InactiveAnon));
        Assert.Equal(1, frames.Lru.Count(1, LruList.InactiveAnon));
        Assert.Equal(1, frames.Lru.Count(1, LruList.InactiveFile));
        Assert.Equal(0, frames.Lru.Count(0, LruList.InactiveFile));
        Assert.Equal(2, frames.Lru.Count(LruList.InactiveAnon));
        Assert.Equal(anon1, frames.Lru.Tail(1, LruList.InactiveAnon));
        Assert.Equal(anon0, frames.Lru.Tail(0, LruList.InactiveAnon));

        frames.Lru.Node(1).MoveToHead(frames, anon1, LruList.ActiveAnon);
        Assert.Equal((0L, 1L), (frames.Lru.Count(1, LruList.InactiveAnon), frames.Lru.Count(1, LruList.ActiveAnon)));
        Assert.Equal((1L, 0L), (frames.Lru.Count(0, LruList.InactiveAnon), frames.Lru.Count(0, LruList.ActiveAnon)));

        frames.Free(anon1);
        frames.Free(anon0);
        Assert.Equal(0, frames.Lru.Count(LruList.ActiveAnon) + frames.Lru.Count(LruList.InactiveAnon));
        Assert.Equal(-1, frames.Lru.Tail(1, LruList.ActiveAnon));
        Assert.Equal(file1, frames.Lru.Tail(1, LruList.InactiveFile));
    }
}
