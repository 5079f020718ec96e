namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Textbook least-recently-used replacement (MODEL.md section 6): exact, every
/// access counts.
/// <code>
/// Added(p):    queue.append(p)               // a new page is the most recent
/// Accessed(p): queue.moveToEnd(p)            // O(1), index-linked
/// Removed(p):  queue.remove(p)
/// Reclaim(n):  for p in queue from the least recently used:
///                  if canEvict(p) and evict(p): freed++
///                  if freed == n: stop
/// </code>
/// </summary>
internal sealed class LruPolicy(FrameTable frames) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private readonly PfnQueue _queue = new();

    public string Name => "lru";

    public bool TracksAccesses => true;

    /// <summary>The frames the policy watches (the machine's frame table).</summary>
    public FrameTable Frames => _frames;

    /// <summary>The order itself, for the kernel's textbook fast path (its head is the next victim).</summary>
    internal PfnQueue Queue => _queue;

    public void Added(int pfn) => _queue.AddTail(pfn);

    public void Removed(int pfn)
    {
        if (_queue.Contains(pfn))
        {
            _queue.Remove(pfn);
        }
    }

    public void Accessed(int pfn)
    {
        if (_queue.Contains(pfn))
        {
            _queue.MoveToTail(pfn);
        }
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => _queue.EvictFromHead(context, nrToReclaim);
}
