namespace MemScript.Runtime.Mm;

/// <summary>
/// The page cache and shmem pages (filemap.c, shmem.c). Pages are order 0
/// (the kernel 6.x can cache large folios and map them whole; the model keeps
/// 4 KiB pages, as for a file written in 4 KiB pieces).
///
/// <see cref="ReadWindow"/> reads a read-ahead window that
/// Kernel.Readahead.cs planned, skipping pages already cached, and marks its
/// PG_readahead page. Fault-around (<see cref="FaultAroundWindow"/>) maps the
/// aligned window of already-present pages; the fault handler does the mapping.
/// Reading a page whose shadow an eviction left counts
/// workingset_refault_file; dropping a shmem object frees its swap slots.
/// </summary>
internal sealed class PageCache(FrameTable frames, SwapArea swap, long[] vmstat)
{
    /// <summary>File pages marked dirty (meminfo Dirty; shmem is not counted).</summary>
    public long DirtyPages { get; private set; }

    public int Lookup(MemObject obj, long page) => obj.Pages[page] - 1;

    public int AddPage(MemObject obj, long page, bool dirty, long stillNeeded = 1)
    {
        var kind = obj.IsShmem ? FrameKind.Shmem : FrameKind.File;
        var pfn = frames.Allocate(kind, obj.Id, page, stillNeeded);
        obj.Pages[page] = pfn + 1;
        obj.CachedPages += obj.IsShmem ? 0 : 1;
        if (dirty)
        {
            MarkDirty(pfn);
        }

        return pfn;
    }

    public void MarkDirty(int pfn)
    {
        ref var frame = ref frames[pfn];
        if (frame.Kind == FrameKind.File && (frame.Flags & FrameFlags.Dirty) == 0)
        {
            frame.Flags |= FrameFlags.Dirty;
            DirtyPages++;
        }
    }

    /// <summary>
    /// Reads <paramref name="window"/> into the cache (readahead.c
    /// page_cache_ra_unbounded) and marks its PG_readahead page if it reads
    /// it; returns the pages read. Besides <paramref name="mustPage"/> (the
    /// faulting page, -1 for none), at most <paramref name="spare"/> frames
    /// are taken, in ascending order: readahead stops at the first allocation
    /// that fails; the faulting page is read anyway.
    /// </summary>
    public long ReadWindow(MemObject obj, ReadaheadWindow window, long mustPage, long spare)
    {
        var start = Math.Max(0, window.Start);
        var end = Math.Min(obj.PageCount, window.Start + window.Size);
        var mark = window.MarkIn(obj.PageCount);
        long read = 0;
        for (var p = start; p < end; p++)
        {
            if (obj.Pages[p] > 0)
            {
                continue;
            }

            if (p != mustPage)
            {
                if (spare <= 0)
                {
                    if (mustPage < p)
                    {
                        break;
                    }

                    continue;
                }

                spare--;
            }

            read += ReadRange(obj, p, p + 1, end - p);
            if (p == mark)
            {
                frames[obj.FrameOf(p)].Flags |= FrameFlags.Readahead;
            }
        }

        if (mustPage >= 0 && obj.Pages[mustPage] <= 0)
        {
            read += ReadRange(obj, mustPage, mustPage + 1);
        }

        return read;
    }

    /// <summary>Pages of [start, end) not in memory.</summary>
    public static long MissingIn(MemObject obj, long start, long end)
    {
        long missing = 0;
        for (var p = start; p < end; p++)
        {
            if (obj.Pages[p] <= 0)
            {
                missing++;
            }
        }

        return missing;
    }

    public void ClearDirty(int pfn)
    {
        ref var frame = ref frames[pfn];
        if ((frame.Flags & FrameFlags.Dirty) != 0)
        {
            frame.Flags &= ~FrameFlags.Dirty;
            DirtyPages--;
        }
    }

    /// <summary>Brings pages [start, end) into the cache (madvise willneed on a file); returns the pages read.</summary>
    public long ReadRange(MemObject obj, long start, long end, long stillNeeded = 0)
    {
        long read = 0;
        for (var p = start; p < end; p++)
        {
            if (obj.Pages[p] <= 0)
            {
                if (obj.Pages[p] == MemObject.Shadow)
                {
                    vmstat[(int)VmCounter.workingset_refault_file]++;
                }

                AddPage(obj, p, dirty: false, stillNeeded: Math.Max(stillNeeded, end - p));
                read++;
            }
        }

        return read;
    }

    /// <summary>Frees every page of a shmem object nobody maps any more.</summary>
    public void DropAll(MemObject obj)
    {
        for (var p = 0L; p < obj.PageCount; p++)
        {
            var pfn = obj.Pages[p] - 1;
            if (obj.Pages[p] < 0)
            {
                swap.Release(MemObject.SlotOf(obj.Pages[p]));
                obj.Pages[p] = 0;
            }
            else if (pfn >= 0)
            {
                if ((frames[pfn].Flags & FrameFlags.Dirty) != 0)
                {
                    DirtyPages--;
                }

                frames.Free(pfn);
                obj.Pages[p] = 0;
            }
        }
    }

    /// <summary>
    /// The fault-around window for virtual page <paramref name="vpn"/>, as the 6.x
    /// kernel's do_fault_around computes it inside the faulting page's PTE table:
    /// with nr = <paramref name="windowPages"/>, pte_off = index of the page in its
    /// table and vma_off = index of the page in the VMA,
    /// <c>from = max(ALIGN_DOWN(pte_off, nr), pte_off - min(pte_off, vma_off))</c> and
    /// <c>to = min(from + nr, 512, pte_off + vma_pages - vma_off)</c>: the aligned
    /// window clamped at the VMA's start then extends nr pages from there. The
    /// object's end clips it too (filemap_map_pages stops at the file's last page).
    /// </summary>
    public static (ulong First, ulong Last) FaultAroundWindow(Vma vma, ulong vpn, int windowPages, long objectPages, int ptesPerTable)
    {
        var ptrsPerPte = (ulong)ptesPerTable;
        var shift = vma.PageShift;
        var nr = (ulong)windowPages;
        var tableBase = vpn & ~(ptrsPerPte - 1);
        var pteOff = vpn - tableBase;
        var vmaOff = vpn - (vma.Start >> shift);
        var vmaPages = (vma.End - vma.Start) >> shift;
        var from = Math.Max(pteOff & ~(nr - 1), pteOff - Math.Min(pteOff, vmaOff));
        var to = Math.Min(Math.Min(from + nr, ptrsPerPte), pteOff + vmaPages - vmaOff);
        var first = tableBase + from;
        var last = tableBase + to;
        if (objectPages >= (long)vma.PageOffset)
        {
            var eofVpn = (vma.Start >> shift) + (ulong)objectPages - vma.PageOffset;
            last = Math.Min(last, eofVpn);
        }

        return (first, last);
    }
}
