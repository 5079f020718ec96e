namespace MemScript.Runtime.Glibc;

/// <summary>
/// sysmalloc: when neither a free chunk nor the top can serve a request, map
/// it on its own (at or above the mmap threshold) or grow the heap with brk
/// by <c>nb + top_pad + 32</c> less the old top, page-rounded.
/// </summary>
internal sealed partial class MallocArena
{
    /// <summary>More than any address space holds: a request or top_pad past it fails as brk and mmap would, before the sums below could wrap.</summary>
    private const ulong MaxGrowth = 1UL << 62;

    private ulong SysMalloc(ulong nb)
    {
        if (nb >= MmapThreshold)
        {
            var mapped = MmapChunk(nb);
            if (mapped != 0)
                return mapped;
        }
        if (GrowHeap(nb))
            return SplitTop(nb).UserPointer;
        if (nb < MmapThreshold)
        {
            var mapped = MmapChunk(nb);
            if (mapped != 0)
                return mapped;
        }
        _details.Add("ENOMEM");
        return 0;
    }

    private ulong MmapChunk(ulong nb)
    {
        if (nb > MaxGrowth)
            return 0;
        var size = AlignUp(nb + SizeSz + MmapSlack);
        var start = _host.Mmap(size);
        if (start == 0)
            return 0;
        _details.Add("mmap " + Kib(size));
        _host.Write(start + SizeSz);
        var chunk = new MmappedChunk(start, size);
        // A chunk glibc still lists at this address was unmapped behind its back
        // (munmap through a stale pointer): the new mapping replaces it.
        _mmapped[chunk.UserPointer] = chunk;
        return chunk.UserPointer;
    }

    private bool GrowHeap(ulong nb)
    {
        var oldBrk = _host.CurrentBrk;
        var heapExists = _topAddress != 0;
        var contiguous = heapExists && oldBrk == _topAddress + _topSize;
        if (nb > MaxGrowth || TopPad > MaxGrowth)
            return false;
        var size = nb + TopPad + MinSize;
        if (contiguous)
            size -= Math.Min(size, _topSize);
        size = AlignUp(size);
        var newBrk = _host.SetBrk(oldBrk + size);
        if (newBrk != oldBrk + size)
            return false;
        _details.Add("brk +" + Kib(size));
        _maxBrk = Math.Max(_maxBrk, newBrk);
        if (contiguous)
        {
            _topSize += size;
        }
        else
        {
            // First growth, or a break moved behind malloc's back: a new top at the old break.
            if (heapExists)
                FenceOldTop();
            _topAddress = (oldBrk + 15) & ~15UL;
            _topSize = newBrk - _topAddress;
            _last = null;
            _host.Write(_topAddress + SizeSz);
        }
        return true;
    }

    /// <summary>The abandoned top becomes an in-use chunk nobody frees, so its left neighbour never merges past it.</summary>
    private void FenceOldTop()
    {
        var fence = new HeapChunk(_topAddress, _topSize) { Prev = _last };
        if (_last != null)
            _last.Next = fence;
        _chunks.Add(fence.Address, fence);
    }
}
