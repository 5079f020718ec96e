namespace MemScript.Runtime.Glibc;

/// <summary>
/// glibc 2.36's main arena on 64-bit Linux, reduced to what decides which
/// pages a program touches and how its address space grows (MODEL.md 3).
///
/// <code>
///  heap start                                              break
///  | tcache 656 | chunk | free chunk | chunk |   top chunk   |
///  ^ first malloc allocates the tcache struct, then the request
/// </code>
///
/// Kept exactly: request2size (<c>max(32, (n + 8 + 15) &amp; ~15)</c>), the
/// user pointer 16 bytes past the chunk, the 656-byte tcache chunk on the
/// first call, heap growth by <c>nb + top_pad + 32</c> less the old top,
/// page-rounded (sysmalloc), mmap for <c>nb &gt;= mmap_threshold</c> when
/// nothing fits (size <c>nb + 8</c> page-rounded, as sysmalloc_mmap does: the
/// same as <c>n + 8</c> except within 15 bytes of a page boundary), the dynamic
/// threshold raised by free of an mmapped chunk (at most 32 MiB, trim
/// threshold twice that), trimming of the top down to <c>top_pad</c> when a free
/// of at least 64 KiB leaves the top above the trim threshold, calloc's
/// MORECORE_CLEARS rule (memory never handed out before by brk is not cleared;
/// fresh mmap memory is not touched), and the headers and footers malloc and
/// free write, which is what makes their page faults.
///
/// Simplified: one arena; no tcache, fast, small, unsorted or large bins:
/// freed heap chunks go to one address-ordered free list, searched first fit
/// and coalesced with free neighbours and the top at once (glibc searches
/// best fit and defers some coalescing). A <c>brk</c> moved behind malloc's
/// back abandons the old top (glibc fences it and frees it). When brk is
/// refused the request is served by its own mmap (glibc maps a 1 MiB new top).
/// realloc of an mmapped chunk uses mremap, see MallocArena.Resize.cs.
///
/// On a 32-bit machine (<c>layout i386</c>) the figures are glibc's for i386
/// (malloc/malloc.c with sysdeps/i386/malloc-alignment.h, glibc 2.26+):
/// SIZE_SZ 4, MALLOC_ALIGNMENT 16, MINSIZE 16, request2size
/// <c>max(16, (n + 4 + 15) &amp; ~15)</c>, a tcache_perthread_struct of 384
/// bytes (64 two-byte counts and 64 four-byte pointers), an mmapped chunk of
/// <c>nb + 4 + 15</c> page-rounded (sysmalloc_mmap when MALLOC_ALIGNMENT is
/// above CHUNK_HDR_SZ) and DEFAULT_MMAP_THRESHOLD_MAX 512 KiB
/// (4 * 1024 * 1024 * sizeof(long) on 64-bit: 32 MiB). glibc places an i386
/// chunk 8 bytes past a 16-byte boundary so that its user pointer is 16-aligned
/// (the first chunk at brk + 8); the model keeps each chunk at that boundary,
/// so the user pointer is 16 bytes past it on both, and a header is written 8
/// bytes before glibc's, in the same 16-byte slot and so on the same page.
/// Setting <c>mmap_threshold</c> or <c>top_pad</c> to a non-default value
/// turns the dynamic threshold off, as mallopt does.
/// </summary>
internal sealed partial class MallocArena
{
    public const ulong HeaderBytes = 16;
    public const ulong DefaultThreshold = 128UL << 10;
    private const ulong Lp64SizeSz = 8;
    private const ulong Lp64MinSize = 32;

    /// <summary>SIZE_SZ: 8 on 64-bit, 4 on i386.</summary>
    private readonly ulong SizeSz = Lp64SizeSz;
    /// <summary>MINSIZE: 32 on 64-bit, 16 on i386.</summary>
    private readonly ulong MinSize = Lp64MinSize;
    /// <summary>sizeof(tcache_perthread_struct): 640 on 64-bit, 384 on i386.</summary>
    private readonly ulong TcacheChunkRequest = 640;
    /// <summary>DEFAULT_MMAP_THRESHOLD_MAX: 32 MiB on 64-bit, 512 KiB on i386.</summary>
    private readonly ulong MaxDynamicThreshold = 32UL << 20;
    /// <summary>The extra MALLOC_ALIGN_MASK sysmalloc_mmap adds when MALLOC_ALIGNMENT exceeds CHUNK_HDR_SZ (i386).</summary>
    private readonly ulong MmapSlack;
    public const ulong ConsolidationThreshold = 64UL << 10;

    private readonly IMallocHost _host;
    private readonly SortedDictionary<ulong, HeapChunk> _chunks = new();
    private readonly SortedSet<ulong> _free = new();
    private readonly Dictionary<ulong, MmappedChunk> _mmapped = new();
    private readonly List<string> _details = new();
    private readonly HashSet<ulong> _freedPointers = new();
    private HeapChunk? _last;
    private bool _tcacheReady;
    private ulong _topAddress;
    private ulong _topSize;
    private ulong _maxBrk;

    public MallocArena(IMallocHost host, ulong mmapThreshold, ulong topPad, bool is32Bit = false)
    {
        _host = host;
        if (is32Bit)
        {
            SizeSz = 4;
            MinSize = 16;
            TcacheChunkRequest = 384;
            MaxDynamicThreshold = 512UL << 10;
            MmapSlack = 15;
        }

        MmapThreshold = mmapThreshold;
        TrimThreshold = DefaultThreshold;
        TopPad = topPad;
        DynamicThreshold = mmapThreshold == DefaultThreshold && topPad == DefaultThreshold;
    }

    public ulong MmapThreshold { get; private set; }

    public ulong TrimThreshold { get; private set; }

    public ulong TopPad { get; }

    public bool DynamicThreshold { get; }

    /// <summary>The top chunk's size (0 before the heap exists).</summary>
    public ulong TopSize => _topSize;

    public ulong TopAddress => _topAddress;

    /// <summary>What the last call did beyond touching memory (<c>brk +132 KiB</c>, <c>mmap 1028 KiB</c>), or null.</summary>
    public string? LastDetail => _details.Count == 0 ? null : string.Join(", ", _details);

    /// <summary>malloc(n): the user pointer, or 0 for ENOMEM.</summary>
    public ulong Malloc(ulong n)
    {
        _details.Clear();
        if (!EnsureTcache())
            return 0;
        return AllocateUser(n);
    }

    /// <summary>free(p); free(NULL) does nothing.</summary>
    public FreeOutcome Free(ulong pointer)
    {
        _details.Clear();
        if (pointer == 0)
            return FreeOutcome.Ok;
        if (_mmapped.Remove(pointer, out var mapped))
        {
            FreeMmapped(mapped);
            _freedPointers.Add(pointer);
            return FreeOutcome.Ok;
        }
        if (!_chunks.TryGetValue(pointer - HeaderBytes, out var chunk) || chunk.Free)
            return _freedPointers.Contains(pointer) ? FreeOutcome.DoubleFree : FreeOutcome.InvalidPointer;
        FreeHeapChunk(chunk);
        _freedPointers.Add(pointer);
        return FreeOutcome.Ok;
    }

    /// <summary>Whether <paramref name="pointer"/> is a live allocation of this arena.</summary>
    public bool IsAllocated(ulong pointer) =>
        _mmapped.ContainsKey(pointer) ||
        (_chunks.TryGetValue(pointer - HeaderBytes, out var c) && !c.Free);

    /// <summary>request2size on 64-bit.</summary>
    public static ulong RequestToSize(ulong n) => n + Lp64SizeSz + 15 < Lp64MinSize ? Lp64MinSize : (n + Lp64SizeSz + 15) & ~15UL;

    /// <summary>request2size for this arena's SIZE_SZ and MINSIZE.</summary>
    public ulong RequestSize(ulong n) => n + SizeSz + 15 < MinSize ? MinSize : (n + SizeSz + 15) & ~15UL;

    private bool EnsureTcache()
    {
        if (_tcacheReady)
            return true;
        var tcache = AllocateUser(TcacheChunkRequest);
        if (tcache == 0)
            return false;
        WriteRange(tcache, TcacheChunkRequest);   // memset of tcache_perthread_struct
        _tcacheReady = true;
        return true;
    }

    private ulong AllocateUser(ulong n)
    {
        if (n > (1UL << 62))
        {
            _details.Add("ENOMEM");
            return 0;
        }
        var pointer = AllocateChunk(RequestSize(n));
        _freedPointers.Remove(pointer);
        return pointer;
    }

    private ulong AllocateChunk(ulong nb)
    {
        var fromList = TakeFromFreeList(nb);
        if (fromList != null)
            return fromList.UserPointer;
        if (_topSize >= nb + MinSize)
            return SplitTop(nb).UserPointer;
        return SysMalloc(nb);
    }

    private HeapChunk? TakeFromFreeList(ulong nb)
    {
        foreach (var address in _free)
        {
            var chunk = _chunks[address];
            if (chunk.Size < nb)
                continue;
            _free.Remove(address);
            chunk.Free = false;
            _host.Write(chunk.Address + SizeSz);
            if (chunk.Size - nb >= MinSize)
                SplitRemainder(chunk, nb);
            else if (chunk.Next != null)
                _host.Write(chunk.Next.Address + SizeSz);   // set_inuse_bit_at_offset
            else
                _host.Write(_topAddress + SizeSz);
            return chunk;
        }
        return null;
    }

    private void SplitRemainder(HeapChunk chunk, ulong nb)
    {
        var rest = new HeapChunk(chunk.Address + nb, chunk.Size - nb) { Free = true, Prev = chunk, Next = chunk.Next };
        if (chunk.Next != null)
            chunk.Next.Prev = rest;
        else
            _last = rest;
        chunk.Next = rest;
        chunk.Size = nb;
        _chunks.Add(rest.Address, rest);
        _free.Add(rest.Address);
        _host.Write(rest.Address + SizeSz);       // set_head
        _host.Write(rest.Address + 3 * SizeSz);   // fd / bk
        _host.Write(rest.End);                    // set_foot
    }

    private HeapChunk SplitTop(ulong nb)
    {
        var chunk = new HeapChunk(_topAddress, nb) { Prev = _last };
        if (_last != null)
            _last.Next = chunk;
        _last = chunk;
        _chunks.Add(chunk.Address, chunk);
        _topAddress += nb;
        _topSize -= nb;
        _host.Write(chunk.Address + SizeSz);
        _host.Write(_topAddress + SizeSz);
        return chunk;
    }

    /// <summary>munmap_chunk; free (not realloc) also raises the dynamic threshold.</summary>
    private void FreeMmapped(MmappedChunk chunk, bool raiseThreshold = true)
    {
        _host.Munmap(chunk.MapStart, chunk.MapLength);
        _details.Add("munmap " + Kib(chunk.MapLength));
        if (raiseThreshold && DynamicThreshold && chunk.MapLength > MmapThreshold && chunk.MapLength <= MaxDynamicThreshold)
        {
            MmapThreshold = chunk.MapLength;
            TrimThreshold = 2 * chunk.MapLength;
        }
    }

    private ulong AlignUp(ulong bytes) => (bytes + _host.PageSize - 1) & ~(_host.PageSize - 1);

    private ulong AlignDown(ulong bytes) => bytes & ~(_host.PageSize - 1);

    /// <summary>Sizes as the timeline prints them: whole KiB.</summary>
    public static string Kib(ulong bytes) =>
        (bytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " KiB";

    /// <summary>Touches every page of [start, start + length) once, in ascending order.</summary>
    private void WriteRange(ulong start, ulong length)
    {
        if (length == 0)
            return;
        var page = _host.PageSize;
        _host.Write(start);
        for (var p = (start & ~(page - 1)) + page; p < start + length; p += page)
            _host.Write(p);
    }

    private void ReadRange(ulong start, ulong length)
    {
        if (length == 0)
            return;
        var page = _host.PageSize;
        _host.Read(start);
        for (var p = (start & ~(page - 1)) + page; p < start + length; p += page)
            _host.Read(p);
    }
}
