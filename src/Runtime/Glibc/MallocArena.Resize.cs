namespace MemScript.Runtime.Glibc;

/// <summary>
/// calloc and realloc. calloc clears the chunk with memset except memory the
/// brk never handed out before (MORECORE_CLEARS), and never touches a fresh
/// mmapped chunk. realloc stays in place when the chunk is big enough (the
/// tail becomes a free chunk), grows into the top or a free next chunk, and
/// otherwise allocates, copies (reads the old pages, writes the new) and frees.
/// An mmapped chunk is resized by mremap_chunk: mremap(MREMAP_MAYMOVE) to
/// <c>nb + 8</c> page-rounded (shrinking unmaps the tail, growing extends or
/// moves the mapping with its pages, touching none), then set_head writes the
/// chunk's header, on its first page; no fault when that page is resident
/// (realloc 1M -> 2M: 0 faults, RSS unchanged). Only if mremap fails does
/// realloc allocate, copy and unmap the old chunk as munmap_chunk does,
/// without free's update of the dynamic threshold.
/// </summary>
internal sealed partial class MallocArena
{
    /// <summary>calloc(n): the user pointer, or 0 for ENOMEM.</summary>
    public ulong Calloc(ulong n)
    {
        _details.Clear();
        if (!EnsureTcache())
            return 0;
        var oldTop = _topAddress;
        var oldTopSize = _topSize;
        if (oldTop != 0 && _maxBrk > oldTop)
            oldTopSize = Math.Max(oldTopSize, _maxBrk - oldTop);
        var pointer = AllocateUser(n);
        if (pointer == 0 || _mmapped.ContainsKey(pointer))
            return pointer;
        var chunk = _chunks[pointer - HeaderBytes];
        var clear = chunk.Size;
        if (chunk.Address == oldTop && clear > oldTopSize)
            clear = oldTopSize;
        if (clear > SizeSz)
            WriteRange(pointer, clear - SizeSz);
        return pointer;
    }

    /// <summary>realloc(p, n): the new user pointer, or 0 (ENOMEM, the old block stays; or n == 0, it is freed).</summary>
    public ulong Realloc(ulong pointer, ulong n, out FreeOutcome outcome)
    {
        outcome = FreeOutcome.Ok;
        if (pointer == 0)
            return Malloc(n);
        if (n == 0)
        {
            outcome = Free(pointer);
            return 0;
        }
        _details.Clear();
        if (!EnsureTcache())
            return 0;
        var nb = RequestSize(n);
        if (_mmapped.TryGetValue(pointer, out var mapped))
        {
            var length = AlignUp(nb + SizeSz + MmapSlack);
            if (length == mapped.MapLength)
                return pointer;
            var start = _host.Mremap(mapped.MapStart, mapped.MapLength, length);
            if (start != 0)
                return Remapped(pointer, mapped, new MmappedChunk(start, length));
            if (mapped.MapLength - SizeSz >= nb)
                return pointer;   // a shrink mremap refused: the chunk is big enough
            return MoveMapped(pointer, mapped, n);
        }
        if (!_chunks.TryGetValue(pointer - HeaderBytes, out var chunk) || chunk.Free)
        {
            outcome = _freedPointers.Contains(pointer) ? FreeOutcome.DoubleFree : FreeOutcome.InvalidPointer;
            return 0;
        }
        if (chunk.Size >= nb)
        {
            ShrinkInPlace(chunk, nb);
            return pointer;
        }
        if (chunk.Next == null && chunk.Size + _topSize >= nb + MinSize)
        {
            var grow = nb - chunk.Size;
            chunk.Size = nb;
            _topAddress += grow;
            _topSize -= grow;
            _host.Write(chunk.Address + SizeSz);
            _host.Write(_topAddress + SizeSz);
            return pointer;
        }
        if (chunk.Next is { Free: true } next && chunk.Size + next.Size >= nb)
        {
            _free.Remove(next.Address);
            Absorb(chunk, next);
            ShrinkInPlace(chunk, nb);
            return pointer;
        }
        return MoveBlock(pointer, chunk.Size - SizeSz, n, ref outcome);
    }

    private void ShrinkInPlace(HeapChunk chunk, ulong nb)
    {
        _host.Write(chunk.Address + SizeSz);
        if (chunk.Size - nb < MinSize)
            return;
        SplitRemainder(chunk, nb);
        var rest = chunk.Next!;
        _free.Remove(rest.Address);
        rest.Free = false;
        FreeHeapChunk(rest);
    }

    /// <summary>mremap_chunk's success: the chunk now lives at <paramref name="resized"/>; set_head writes its header.</summary>
    private ulong Remapped(ulong pointer, MmappedChunk old, MmappedChunk resized)
    {
        _details.Add(resized.MapStart == old.MapStart
            ? "mremap " + Kib(old.MapLength) + " -> " + Kib(resized.MapLength)
            : "mremap " + Kib(old.MapLength) + " -> " + Kib(resized.MapLength) + " at 0x" + resized.MapStart.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        _mmapped.Remove(pointer);
        _mmapped[resized.UserPointer] = resized;
        if (resized.UserPointer != pointer)
            _freedPointers.Add(pointer);
        _host.Write(resized.MapStart + SizeSz);
        return resized.UserPointer;
    }

    /// <summary>mremap failed: malloc, copy, then munmap_chunk (the dynamic threshold stays).</summary>
    private ulong MoveMapped(ulong pointer, MmappedChunk mapped, ulong n)
    {
        var fresh = AllocateUser(n);
        if (fresh == 0)
            return 0;
        var copy = Math.Min(mapped.Usable, n);
        ReadRange(pointer, copy);
        WriteRange(fresh, copy);
        _mmapped.Remove(pointer);
        FreeMmapped(mapped, raiseThreshold: false);
        _freedPointers.Add(pointer);
        return fresh;
    }

    private ulong MoveBlock(ulong pointer, ulong oldUsable, ulong n, ref FreeOutcome outcome)
    {
        var fresh = AllocateUser(n);
        if (fresh == 0)
            return 0;
        var copy = Math.Min(oldUsable, n);
        ReadRange(pointer, copy);
        WriteRange(fresh, copy);
        var details = _details.ToArray();
        outcome = Free(pointer);
        _details.InsertRange(0, details);
        return fresh;
    }
}
