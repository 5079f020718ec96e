namespace MemScript.Runtime.Mm;

/// <summary>
/// The LRU lists of one node as reclaim sees them (shrink_node's lruvec):
/// a view over <see cref="LruLists"/> for node <see cref="Node"/>. Every page
/// it moves is on that node's lists already, so no node lookup is made.
/// </summary>
internal readonly struct NodeLru(LruLists lists, int node)
{
    public int Node => node;

    public long Count(LruList list) => lists.Count(node, list);

    public int Tail(LruList list) => lists.Tail(node, list);

    /// <summary>Moves <paramref name="pfn"/> (a page of this node) to the head of <paramref name="to"/>.</summary>
    public void MoveToHead(FrameTable frames, int pfn, LruList to) => lists.MoveToHead(frames, pfn, node, to);
}
