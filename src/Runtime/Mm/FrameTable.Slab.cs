namespace MemScript.Runtime.Mm;

/// <summary>
/// The buddy allocator's side of the slab allocator: a slab is one block of
/// its cache's order (allocate_slab takes 1 &lt;&lt; oo_order pages), its
/// frames kernel frames, off the LRU lists.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>An order-<paramref name="order"/> block of kernel frames; -1 when no free block of that order or above exists.</summary>
    public int AllocateKernelBlock(int order)
    {
        var head = TakeBlockFrom(Zones.GfpZone.Kernel, order);
        if (head < 0)
        {
            return -1;
        }

        for (var i = 0; i < 1 << order; i++)
        {
            this[head + i] = new PageFrame { Kind = FrameKind.Kernel, Owner = -1, LruPrev = -1, LruNext = -1 };
        }

        _byKind[(int)FrameKind.Free] -= 1 << order;
        _byKind[(int)FrameKind.Kernel] += 1 << order;
        return head;
    }
}
