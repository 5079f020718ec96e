using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MemScript.Runtime.Mm;

/// <summary>
/// A TLB array whose every set is one 64-byte cache line: the second-level
/// TLB's geometry (1536 entries, 12-way, 128 sets) and any other with 4, 8
/// or 12 ways and at least 64 sets, a power of two. The answers are those of
/// <see cref="Tlb"/> (hit or miss, and the way a miss replaces: the lowest
/// empty one, else the least recently used); only the layout differs, so
/// that a lookup that misses reads one line instead of two or three:
/// <code>
/// uint 0..11   tags: the page number above the set index, plus one (0 = empty)
/// uint 12..13  recency order, a way's number per 4-bit rank (as in Tlb)
/// uint 14      the generation the set was last used in
/// </code>
/// The set index is not stored, so a tag fits 32 bits (page numbers of up to
/// 37 bits, 6 of them in the index). A flush bumps the array's generation;
/// a set of an older generation is emptied when it is next looked up, so a
/// flush stays O(1).
/// </summary>
internal sealed class CacheLineTlb
{
    private const int LineUints = 16;
    private const int OrderSlot = 12;
    private const int GenerationSlot = 14;

    /// <summary>Page numbers (keys) are below 2^37: 47 or 48 virtual address bits less the page shift, plus the STLB's huge-entry bit 36.</summary>
    private const int KeyBits = 37;

    private readonly uint[] _lines;
    private readonly int _offset;
    private readonly int _ways;
    private readonly uint _wayMask;
    private readonly int _lastRankShift;
    private readonly ulong _emptyOrder;
    private readonly ulong _setMask;
    private readonly int _setShift;
    private uint _generation = 1;

    private CacheLineTlb(int sets, int ways)
    {
        _ways = ways;
        _wayMask = (1u << ways) - 1;
        _lastRankShift = 4 * (ways - 1);
        _setMask = (ulong)sets - 1;
        _setShift = BitOperations.Log2((uint)sets);
        _emptyOrder = RecencyWord.Empty(ways);

        // Pinned, so the first line can be aligned to 64 bytes once.
        _lines = GC.AllocateArray<uint>((sets + 1) * LineUints, pinned: true);
        var pin = GCHandle.Alloc(_lines, GCHandleType.Pinned);
        var address = (ulong)pin.AddrOfPinnedObject();
        pin.Free();
        _offset = (int)(((64 - (address & 63)) & 63) / sizeof(uint));
    }

    /// <summary>The array for <paramref name="entries"/> and <paramref name="ways"/>, or null when the geometry has no one-line sets (use <see cref="Tlb"/>).</summary>
    public static CacheLineTlb? TryCreate(int entries, int ways)
    {
        if (!Vector256.IsHardwareAccelerated || ways is not (4 or 8 or 12) || entries % ways != 0)
        {
            return null;
        }

        var sets = entries / ways;
        if (sets < 64 || (sets & (sets - 1)) != 0 || KeyBits - BitOperations.Log2((uint)sets) > 31)
        {
            return null;
        }

        return new CacheLineTlb(sets, ways);
    }

    /// <summary>An access to a mapped page: true on a hit; a miss loads the entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Access(ulong key)
    {
        ref var line = ref Line(key);
        var tag = (uint)(key >> _setShift) + 1;
        var hits = Find(ref line, tag);
        ref var order = ref Unsafe.As<uint, ulong>(ref Unsafe.Add(ref line, OrderSlot));
        if (hits != 0)
        {
            RecencyWord.MoveToFront(ref order, BitOperations.TrailingZeroCount(hits));
            return true;
        }

        Unsafe.Add(ref line, RecencyWord.TakeLast(ref order, _lastRankShift)) = tag;
        return false;
    }

    /// <summary>The entry a page fault leaves behind for the page it mapped.</summary>
    public void Fill(ulong key) => Access(key);

    /// <summary>INVLPG: drops the entry of <paramref name="key"/> if the array holds it.</summary>
    public void Invalidate(ulong key)
    {
        ref var line = ref Line(key);
        var hits = Find(ref line, (uint)(key >> _setShift) + 1);
        if (hits == 0)
        {
            return;
        }

        Unsafe.Add(ref line, BitOperations.TrailingZeroCount(hits)) = 0;
        var live = ~Find(ref line, 0) & _wayMask;   // an empty way's tag is 0
        ref var order = ref Unsafe.As<uint, ulong>(ref Unsafe.Add(ref line, OrderSlot));
        order = RecencyWord.WithEmptiesLast(order, _ways, live);
    }

    public void Flush()
    {
        if (++_generation == 0)
        {
            // After 2^32 - 1 flushes: no set may still carry the new generation.
            Array.Clear(_lines);
            _generation = 1;
        }
    }

    /// <summary>The line of the key's set, emptied first if it was last used before a flush.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint Line(ulong key)
    {
        ref var line = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lines), _offset + ((int)(key & _setMask) * LineUints));
        if (Unsafe.Add(ref line, GenerationSlot) != _generation)
        {
            Empty(ref line);
        }

        return ref line;
    }

    private void Empty(ref uint line)
    {
        Vector256<uint>.Zero.StoreUnsafe(ref line);
        Vector128<uint>.Zero.StoreUnsafe(ref line, 8);
        Unsafe.As<uint, ulong>(ref Unsafe.Add(ref line, OrderSlot)) = _emptyOrder;
        Unsafe.Add(ref line, GenerationSlot) = _generation;
    }

    /// <summary>A bit per way that holds <paramref name="tag"/> (at most one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Find(ref uint line, uint tag)
    {
        var wanted = Vector256.Create(tag);
        var hits = Vector256.Equals(Vector256.LoadUnsafe(ref line), wanted).ExtractMostSignificantBits();
        if (_ways > 8)
        {
            hits |= Vector256.Equals(Vector256.LoadUnsafe(ref line, 8), wanted).ExtractMostSignificantBits() << 8;
        }

        // Past the last way lie the order word and the generation, which a tag may equal.
        return hits & _wayMask;
    }
}
