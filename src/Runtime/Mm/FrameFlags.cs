namespace MemScript.Runtime.Mm;

/// <summary>Per-frame state bits (the page flags of struct page that the model needs).</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0,
    /// <summary>Modified since read from disk (file pages: meminfo Dirty).</summary>
    Dirty = 1,
    /// <summary>PG_referenced, for the reclaim layer.</summary>
    Referenced = 2,
    /// <summary>On an active LRU list, for the reclaim layer.</summary>
    Active = 4,
    /// <summary>PageBuddy: the first frame of a free block on a buddy free list (its order in Index).</summary>
    Buddy = 8,
    /// <summary>PG_swapcache: the page has a swap slot (in <see cref="PageFrame.SwapSlot"/>).</summary>
    SwapCache = 16,
    /// <summary>PG_mlocked: a VM_LOCKED mapping holds the page (<see cref="PageFrame.MlockCount"/> of them); it is on the unevictable list.</summary>
    Mlocked = 32,
    /// <summary>PG_readahead: the marked page of a read-ahead window; a fault on it starts the next window.</summary>
    Readahead = 64,
    /// <summary>Part of a PMD-sized anonymous folio (a transparent huge page, 512 frames from one order-9 block).</summary>
    Thp = 128,
}
