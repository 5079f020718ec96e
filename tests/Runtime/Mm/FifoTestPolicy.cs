using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// A minimal replacement policy for the kernel's tests: evicts evictable
/// pages in the order they were allocated, skipping those the kernel says
/// cannot go. Independent of the real policies, so the reclaim engine can be
/// tested on its own.
/// </summary>
internal sealed class FifoTestPolicy(FrameTable frames) : IReclaimPolicy
{
    private readonly LinkedList<int> _order = new();
    private readonly Dictionary<int, LinkedListNode<int>> _nodes = [];

    public FrameTable Frames { get; } = frames;

    public string Name => "fifo-test";

    public bool TracksAccesses => false;

    public int ReclaimCalls { get; private set; }

    public void Added(int pfn) => _nodes[pfn] = _order.AddLast(pfn);

    public void Removed(int pfn)
    {
        if (_nodes.Remove(pfn, out var node))
        {
            _order.Remove(node);
        }
    }

    public void Accessed(int pfn)
    {
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        ReclaimCalls++;
        int reclaimed = 0, scanned = 0;
        var node = _order.First;
        while (node is not null && reclaimed < nrToReclaim)
        {
            var next = node.Next;
            scanned++;
            if (context.CanEvict(node.Value) && context.Evict(node.Value))
            {
                reclaimed++;
            }

            node = next;
        }

        return new ReclaimTally(reclaimed, scanned);
    }
}
