namespace MemScript.Runtime.Mm;

/// <summary>
/// The fault paths of memory backed by an object (filemap.c's filemap_fault
/// and do_fault_around, shmem.c's shmem_fault): a file page is looked up in
/// the page cache, read with its read-ahead window on a miss (one major
/// fault, Kernel.Readahead.cs), then mapped; a hit on a PG_readahead page
/// starts the next window without waiting (a minor fault); a private write
/// copies the page into an anonymous page; a read maps the fault-around
/// window of pages already present. Shmem pages
/// are allocated zeroed on first touch; shared anonymous memory fault-arounds
/// reads, System V segments never do.
/// </summary>
internal sealed partial class Kernel
{
    private (FaultResult, long) FileFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong va, AccessKind kind)
    {
        var file = vma.Object!;
        var page = (long)vma.ObjectPage(va);
        if (page >= file.PageCount)
        {
            return (FaultResult.Bus, 0);
        }

        var pfn = _cache.Lookup(file, page);
        var major = pfn < 0;
        // Read-ahead takes what is free above the min watermark (reclaim may
        // have left less than the window); the faulting page and a private
        // copy of it come first.
        var floor = Machine.Watermarks == WatermarkMode.Off ? 0 : _watermarks.Min;
        var spare = _frames.FreeFrames - floor - (kind == AccessKind.Write && !vma.Shared ? 1 : 0);
        if (major)
        {
            SyncReadahead(vma, file, page, spare - 1);
            pfn = _cache.Lookup(file, page);
        }
        else if (kind != AccessKind.Read || _faultAroundPages <= 1 || (_frames[pfn].Flags & FrameFlags.Readahead) != 0)
        {
            // filemap_fault found the page (fault-around did not map it)
            AsyncReadahead(vma, file, page, pfn, spare);
        }

        var result = major ? FaultResult.Major : FaultResult.Minor;
        if (kind == AccessKind.Write && !vma.Shared)
        {
            var copy = NewAnonPage(m, va, _frames[pfn].Stamp);
            leaf[i] = StampWrite(Pte.Make(copy, Pte.Permissions(vma) | Pte.Write, 0));
            return (result, major ? Costs.MajorFault : Costs.AnonFault);
        }

        if (kind == AccessKind.Write)
        {
            MapCachePage(m, leaf, i, pfn, Pte.Permissions(vma) | Pte.Write | Pte.Dirty);
            _cache.MarkDirty(pfn);
            leaf[i] = StampWrite(leaf[i]);
        }
        else
        {
            // A major fault maps on its retry, through fault-around like a hit;
            // the faulting page counts among the hits unless it is a mark.
            var marked = (_frames[pfn].Flags & FrameFlags.Readahead) != 0;
            MapCachePage(m, leaf, i, pfn, Pte.Permissions(vma));
            var mapped = FaultAround(m, vma, leaf, va, file, Pte.Permissions(vma));
            if (_faultAroundPages > 1)
            {
                CountFaultAroundHits(vma, mapped + (marked ? 0 : 1));
            }
        }

        return (result, major ? Costs.MajorFault : Costs.FileMinorFault);
    }

    private (FaultResult, long) ShmemFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong va, AccessKind kind)
    {
        var shmem = vma.Object!;
        var page = (long)vma.ObjectPage(va);
        if (page >= shmem.PageCount)
        {
            return (FaultResult.Bus, 0);
        }

        var entry = shmem.Pages[page];
        var pfn = entry > 0 ? entry - 1
            : entry < 0 ? SwapInShmem(shmem, page, MemObject.SlotOf(entry))
            : _cache.AddPage(shmem, page, dirty: false);

        var flags = Pte.Permissions(vma) | (vma.Write ? Pte.Write : 0);
        MapCachePage(m, leaf, i, pfn, flags);
        if (kind == AccessKind.Write)
        {
            leaf[i] = StampWrite(leaf[i]);
        }
        else if (vma.Kind == MapKind.AnonShared)
        {
            FaultAround(m, vma, leaf, va, shmem, flags);
        }

        return entry < 0 ? (FaultResult.Major, Costs.MajorFault) : (FaultResult.Minor, Costs.AnonFault);
    }

    /// <summary>
    /// Maps the already-present pages of the aligned window around
    /// <paramref name="va"/> (do_fault_around), except PG_readahead pages
    /// (filemap_map_pages leaves them to a fault, which starts the next
    /// read-ahead window); returns the pages mapped.
    /// </summary>
    private int FaultAround(AddressSpace m, Vma vma, ulong[] leaf, ulong va, MemObject obj, ulong flags)
    {
        if (_faultAroundPages <= 1)
        {
            return 0;
        }

        var mapped = 0;

        var vpn = va >> _pageShift;
        var leafBase = (va >> _leafShift) << (_leafShift - _pageShift);
        var (first, last) = PageCache.FaultAroundWindow(vma, vpn, _faultAroundPages, obj.PageCount, _geometry.PteEntries);
        for (var v = first; v < last; v++)
        {
            var j = (int)(v - leafBase);
            if (v == vpn || leaf[j] != 0)
            {
                continue;
            }

            var pfn = _cache.Lookup(obj, (long)vma.ObjectPage(v << _pageShift));
            if (pfn >= 0 && (_frames[pfn].Flags & FrameFlags.Readahead) == 0)
            {
                MapCachePage(m, leaf, j, pfn, flags);
                mapped++;
            }
        }

        return mapped;
    }
}
