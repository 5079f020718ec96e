namespace MemScript.Runtime.Mm;

/// <summary>
/// The page cache and shmem pages (filemap.c, shmem.c). Pages are order 0
/// (the kernel 6.x can cache large folios and map them whole; the model keeps
/// 4 KiB pages, as for a file written in 4 KiB pieces).
///
/// Read-around on a major fault (<see cref="ReadAround"/>): the window of
/// <c>ra</c> pages centred on the faulting page, <c>[p - ra/2, p + ra/2)</c>,
/// clipped to the file, read in one I/O; <c>madvise random</c> reads only the
/// page; <c>sequential</c> reads <c>[p, p + 2*ra)</c>. Pages already cached
/// are skipped. Fault-around (<see cref="FaultAroundWindow"/>) maps the
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
    /// Reads the read-around window for <paramref name="page"/> into the cache;
    /// returns the pages read. Besides the faulting page, at most
    /// <paramref name="spare"/> frames are taken, in ascending order (the
    /// kernel's readahead stops at the first allocation that fails).
    /// </summary>
    public long ReadAround(MemObject obj, long page, Advice advice, long readaheadPages, long spare)
    {
        var (start, end) = ReadAroundWindow(obj, page, advice, readaheadPages);
        if (MissingIn(obj, start, end) - (obj.Pages[page] <= 0 ? 1 : 0) <= spare)
        {
            return ReadRange(obj, start, end);
        }

        long read = 0;
        for (var p = start; p < end; p++)
        {
            if (p != page && spare <= 0)
            {
                continue;
            }

            if (obj.Pages[p] <= 0)
            {
                read += ReadRange(obj, p, p + 1);
                spare -= p == page ? 0 : 1;
            }
        }

        return read;
    }

    /// <summary>How many frames reading the window of <paramref name="page"/> would take.</summary>
    public long MissingInWindow(MemObject obj, long page, Advice advice, long readaheadPages)
    {
        var (start, end) = ReadAroundWindow(obj, page, advice, readaheadPages);
        return MissingIn(obj, start, end);
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

    private static (long Start, long End) ReadAroundWindow(MemObject obj, long page, Advice advice, long readaheadPages)
    {
        long start, end;
        if (advice == Advice.Random || readaheadPages <= 1)
        {
            (start, end) = (page, page + 1);
        }
        else if (advice == Advice.Sequential)
        {
            (start, end) = (page, page + 2 * readaheadPages);
        }
        else
        {
            start = page - readaheadPages / 2;
            end = start + readaheadPages;
        }

        start = Math.Max(0, start);
        end = Math.Min(obj.PageCount, Math.Max(end, page + 1));
        return (start, end);
    }

    /// <summary>Brings pages [start, end) into the cache (madvise willneed on a file); returns the pages read.</summary>
    public long ReadRange(MemObject obj, long start, long end)
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

                AddPage(obj, p, dirty: false, stillNeeded: end - p);
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
    public static (ulong First, ulong Last) FaultAroundWindow(Vma vma, ulong vpn, int windowPages, long objectPages)
    {
        const ulong ptrsPerPte = PageTableNode.Entries;
        var nr = (ulong)windowPages;
        var tableBase = vpn & ~(ptrsPerPte - 1);
        var pteOff = vpn - tableBase;
        var vmaOff = vpn - (vma.Start >> 12);
        var vmaPages = (vma.End - vma.Start) >> 12;
        var from = Math.Max(pteOff & ~(nr - 1), pteOff - Math.Min(pteOff, vmaOff));
        var to = Math.Min(Math.Min(from + nr, ptrsPerPte), pteOff + vmaPages - vmaOff);
        var first = tableBase + from;
        var last = tableBase + to;
        if (objectPages >= (long)vma.PageOffset)
        {
            var eofVpn = (vma.Start >> 12) + (ulong)objectPages - vma.PageOffset;
            last = Math.Min(last, eofVpn);
        }

        return (first, last);
    }
}
