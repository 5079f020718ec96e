using System.Numerics;

namespace MemScript.Runtime.Mm;

/// <summary>
/// Read-ahead of mmap faults (filemap.c do_sync_mmap_readahead and
/// do_async_mmap_readahead, readahead.c page_cache_sync_ra and
/// page_cache_async_ra), with ra = the machine's <c>readahead</c> in pages:
/// <code>
/// miss (major fault), by the VMA's advice:
///   random (not exec)  the faulting page only
///   sequential         page 0: [0, ra) marked at ra/2 (get_init_ra_size);
///                      elsewhere [p, p + ra) unmarked (mmap keeps no
///                      prev_pos, so page_cache_sync_ra sees a lone read)
///   normal             mmap_miss + 1 over MMAP_LOTSAMISS (100): the page
///                      only; exec: [p, p + ra) clipped to the VMA,
///                      unmarked; else read-around [max(0, p - ra/2), +ra)
///                      marked at ra/4 from its end
/// hit on a PG_readahead page (fault-around never maps one, so it faults):
///   mmap_miss - 1, the mark cleared; at the expected page (start + size -
///   async_size) the next window [start + size, + get_next_ra_size) is read,
///   else the window starts at the next page not cached within ra;
///   ra->order + 2 rounds its end down to 4 pages; all of it is look-ahead,
///   so its first page is marked
/// </code>
/// The window is read without waiting: the fault that starts it is minor,
/// and the disk time is nobody's (the model has no disk queue; the pages are
/// in the cache at once, as when the disk keeps ahead of the reader). Every
/// read-ahead page beyond the faulting one is optional: the fault reserves
/// them as such and takes what is free (__GFP_NORETRY). Fault-around hits
/// take mmap_miss down by the pages they map. The page cache holds order-0
/// pages, so ra->order never grows past the +2 of an async window.
/// </summary>
internal sealed partial class Kernel
{
    private const int MmapLotsAMiss = 100;

    /// <summary>do_sync_mmap_readahead: what a miss on <paramref name="page"/> reads (always including it).</summary>
    private ReadaheadWindow SyncWindow(Vma vma, MemObject file, long page)
    {
        var ra = _readaheadPages;
        var single = new ReadaheadWindow(page, 1, 0, Records: false);
        if ((vma.Advice == Advice.Random && !vma.Exec) || ra <= 0 || vma.Ra is not { } state)
        {
            return single;
        }

        if (vma.Advice == Advice.Sequential)
        {
            if (page != 0)
            {
                return new ReadaheadWindow(page, ra, 0, Records: false);
            }

            var size = InitRaSize(ra, ra);
            return new ReadaheadWindow(0, size, size > ra ? size - ra : size >> 1, Records: true);
        }

        var miss = state.MmapMiss < MmapLotsAMiss * 10 ? state.MmapMiss + 1 : state.MmapMiss;
        if (miss > MmapLotsAMiss)
        {
            return single;
        }

        if (vma.Exec)
        {
            var end = Math.Min(page + ra, (long)(vma.PageOffset + vma.Pages));
            return new ReadaheadWindow(page, Math.Max(1, end - page), 0, Records: true);
        }

        return new ReadaheadWindow(Math.Max(0, page - ra / 2), ra, ra / 4, Records: true);
    }

    /// <summary>page_cache_async_ra for a fault on the PG_readahead page <paramref name="page"/>.</summary>
    private ReadaheadWindow AsyncWindow(Vma vma, MemObject file, long page)
    {
        var max = _readaheadPages;
        if (vma.Advice == Advice.Random || max <= 0 || vma.Ra is not { } state)
        {
            return ReadaheadWindow.None;
        }

        long start, size;
        if (page == state.Start + state.Size - state.AsyncSize)
        {
            start = state.Start + state.Size;
            size = Math.Max(state.Size, NextRaSize(state.Size, max));
        }
        else
        {
            start = NextMiss(file, page + 1, max);
            if (start - page > max)
            {
                return ReadaheadWindow.None;
            }

            size = NextRaSize(start - page + max, max);
        }

        var align = 1L << Math.Min(2, BitOperations.TrailingZeroCount(max));
        var end = start + size;
        var alignedEnd = end & ~(align - 1);
        if (alignedEnd > start)
        {
            size -= end - alignedEnd;
        }

        return new ReadaheadWindow(start, size, size, Records: true);
    }

    /// <summary>A miss: mmap_miss is counted (normal advice), the window recorded and read; returns the pages read.</summary>
    private long SyncReadahead(Vma vma, MemObject file, long page, long spare)
    {
        var window = SyncWindow(vma, file, page);
        var counted = vma.Advice != Advice.Sequential && (vma.Advice != Advice.Random || vma.Exec);
        if (vma.Ra is { } state && counted && _readaheadPages > 0 && state.MmapMiss < MmapLotsAMiss * 10)
        {
            state.MmapMiss++;
        }

        return Submit(vma, file, window, page, spare);
    }

    /// <summary>A hit that reached filemap_fault: mmap_miss - 1; on a PG_readahead page, the next window.</summary>
    private void AsyncReadahead(Vma vma, MemObject file, long page, int pfn, long spare)
    {
        if (vma.Advice == Advice.Random || _readaheadPages <= 0 || vma.Ra is not { } state)
        {
            return;
        }

        if (state.MmapMiss > 0)
        {
            state.MmapMiss--;
        }

        ref var frame = ref _frames[pfn];
        if ((frame.Flags & FrameFlags.Readahead) == 0)
        {
            return;
        }

        frame.Flags &= ~FrameFlags.Readahead;
        Submit(vma, file, AsyncWindow(vma, file, page), -1, spare);
    }

    /// <summary>filemap_map_pages: the pages fault-around mapped count as hits.</summary>
    private static void CountFaultAroundHits(Vma vma, int mapped)
    {
        if (vma.Ra is { } state)
        {
            state.MmapMiss = Math.Max(0, state.MmapMiss - mapped);
        }
    }

    /// <summary>Missing pages of the window a fault on <paramref name="page"/> would read (for its reservation).</summary>
    private long ReadaheadNeed(Vma vma, MemObject file, long page, bool miss)
    {
        var window = miss ? SyncWindow(vma, file, page)
            : _frames[file.FrameOf(page)].Flags.HasFlag(FrameFlags.Readahead) ? AsyncWindow(vma, file, page)
            : ReadaheadWindow.None;
        return window.IsNone ? 0 : PageCache.MissingIn(file, window.Start, Math.Min(file.PageCount, window.Start + window.Size));
    }

    private long Submit(Vma vma, MemObject file, ReadaheadWindow window, long mustPage, long spare)
    {
        if (window.IsNone)
        {
            return 0;
        }

        if (window.Records && vma.Ra is { } state)
        {
            state.Start = window.Start;
            state.Size = window.Size;
            state.AsyncSize = window.AsyncSize;
        }

        return _cache.ReadWindow(file, window, mustPage, spare);
    }

    /// <summary>page_cache_next_miss: the first page from <paramref name="from"/> not cached (EOF counts), or from + maxScan.</summary>
    private static long NextMiss(MemObject file, long from, long maxScan)
    {
        for (var p = from; p < from + maxScan; p++)
        {
            if (p >= file.PageCount || file.Pages[p] <= 0)
            {
                return p;
            }
        }

        return from + maxScan;
    }

    /// <summary>get_init_ra_size.</summary>
    private static long InitRaSize(long size, long max)
    {
        var newSize = (long)BitOperations.RoundUpToPowerOf2((ulong)size);
        return newSize <= max / 32 ? newSize * 4 : newSize <= max / 4 ? newSize * 2 : max;
    }

    /// <summary>get_next_ra_size.</summary>
    private static long NextRaSize(long cur, long max) =>
        cur < max / 16 ? 4 * cur : cur <= max / 2 ? 2 * cur : max;
}
