namespace MemScript.Runtime.Glibc;

/// <summary>
/// free of a heap chunk (glibc _int_free without tcache and fastbins): mark it
/// free, coalesce with a free neighbour on each side or with the top, and trim
/// the top (systrim) when a free of at least 64 KiB leaves it at or above the
/// trim threshold; trimming keeps <c>top_pad</c> bytes (plus the minimum chunk).
/// </summary>
internal sealed partial class MallocArena
{
    private void FreeHeapChunk(HeapChunk chunk)
    {
        _host.Write(chunk.Address + 2 * SizeSz);   // fd / bk of the freed chunk
        chunk.Free = true;
        if (chunk.Prev is { Free: true } before)
        {
            _free.Remove(before.Address);
            Absorb(before, chunk);
            chunk = before;
        }
        ulong mergedSize;
        if (chunk.Next == null)
        {
            // Next to the top: the chunk becomes part of it.
            _chunks.Remove(chunk.Address);
            _last = chunk.Prev;
            if (_last != null)
                _last.Next = null;
            _topAddress = chunk.Address;
            _topSize += chunk.Size;
            _host.Write(_topAddress + SizeSz);
            mergedSize = _topSize;
        }
        else
        {
            if (chunk.Next.Free)
            {
                _free.Remove(chunk.Next.Address);
                Absorb(chunk, chunk.Next);
            }
            _host.Write(chunk.Address + SizeSz);
            if (chunk.Next != null)
                _host.Write(chunk.Next.Address + SizeSz);   // prev_size and PREV_INUSE of the next chunk
            else
                _host.Write(_topAddress + SizeSz);
            _free.Add(chunk.Address);
            mergedSize = chunk.Size;
        }
        if (mergedSize >= ConsolidationThreshold && _topSize >= TrimThreshold)
            Trim();
    }

    /// <summary>Merges <paramref name="right"/> into its left neighbour <paramref name="left"/>.</summary>
    private void Absorb(HeapChunk left, HeapChunk right)
    {
        left.Size += right.Size;
        left.Next = right.Next;
        if (right.Next != null)
            right.Next.Prev = left;
        else
            _last = left;
        _chunks.Remove(right.Address);
    }

    /// <summary>systrim: gives back whole pages of the top beyond <c>top_pad</c>.</summary>
    private void Trim()
    {
        var area = _topSize - MinSize - 1;
        if (_topSize <= MinSize + 1 || area <= TopPad)
            return;
        var extra = AlignDown(area - TopPad);
        if (extra == 0)
            return;
        var brk = _host.CurrentBrk;
        if (brk != _topAddress + _topSize)
            return;
        var newBrk = _host.SetBrk(brk - extra);
        if (newBrk >= brk)
            return;
        _topSize -= brk - newBrk;
        _details.Add("brk -" + Kib(brk - newBrk));
        _host.Write(_topAddress + SizeSz);
    }
}
