namespace MemScript.Runtime.Mm;

/// <summary>/proc/buddyinfo: the buddy allocator's free blocks (one zone, see docs/model-notes.md).</summary>
internal sealed partial class Kernel
{
    /// <summary>Free blocks of each order 0..MAX_PAGE_ORDER (the columns of /proc/buddyinfo).</summary>
    public long[] BuddyFreeBlocks() => _frames.BuddyBlocks();
}
