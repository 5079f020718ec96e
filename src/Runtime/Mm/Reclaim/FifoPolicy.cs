namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Textbook first-in first-out replacement (MODEL.md section 6): the page
/// resident longest goes first, whatever its use.
/// <code>
/// Added(p):   queue.append(p)                 // page-fault order
/// Removed(p): queue.remove(p)
/// Accessed:   nothing (accesses are not tracked)
/// Reclaim(n): for p in queue from the oldest:
///                 if canEvict(p) and evict(p): freed++   // evict calls Removed(p)
///                 if freed == n: stop
/// </code>
/// Pages that cannot go (anon with no swap) keep their place.
/// </summary>
internal sealed class FifoPolicy(FrameTable frames) : IReclaimPolicy
{
    private readonly FrameTable _frames = frames;
    private readonly PfnQueue _queue = new();

    public string Name => "fifo";

    public bool TracksAccesses => false;

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
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim) => _queue.EvictFromHead(context, nrToReclaim);
}
