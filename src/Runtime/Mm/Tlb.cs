using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MemScript.Runtime.Mm;

/// <summary>
/// One TLB array (an L1 data or instruction TLB, or the second-level TLB of
/// <see cref="TlbSet"/>): N entries, M-way set associative, the set
/// chosen by the low bits of the virtual page number, least recently used
/// replacement within a set (deterministic). It decides only the cost of an
/// access to a mapped page (hit 4 ns, miss and page walk 20 ns):
/// translations are always read from the page tables, so a stale entry can
/// never give a wrong answer, and the kernel flushes the whole TLB of an mm
/// when it unmaps, write-protects or re-protects pages (flush_tlb_mm). A
/// page-fault fills the entry of the page it mapped.
/// A flush leaves the tags alone: they carry a generation above the page
/// number's 37 bits, and an entry of an older generation counts as empty (the
/// tags are cleared only when the generation wraps); it clears only the
/// per-set live counts (one int a set).
/// The hot path: a set's tags are compared four at a time (SIMD) where the
/// CPU can, and a set of up to 16 ways keeps its recency order in one word
/// (a way's number per 4-bit rank, the most recent lowest), so a miss finds
/// the least recently used way without scanning; a wider set keeps an age
/// per way. Either way a miss replaces the first empty (or flushed) way,
/// else the least recently used one; a count of live entries per set
/// (cleared by a flush) tells a miss whether to look for an empty way at all,
/// so a lookup compares tags only.
/// </summary>
internal sealed class Tlb
{
    private const int GenerationShift = 37;
    private const ulong LastGeneration = (1UL << (64 - GenerationShift)) - 1;
    private const int OrderedWays = 16;
    private const ulong Nibbles = 0x1111_1111_1111_1111UL;

    private readonly ulong[] _tags;
    private readonly int[] _live;
    private readonly ulong[]? _order;
    private readonly ulong[]? _ages;
    private readonly int _ways;
    private readonly ulong _sets;
    private readonly ulong _setMask;
    private readonly bool _vector;
    private ulong _generation = 1;
    private ulong _generationBits = 1UL << GenerationShift;
    private ulong _tick;

    /// <param name="entries">Entries in all.</param>
    /// <param name="ways">Entries per set.</param>
    /// <param name="simd">False compares a set's tags one at a time (the same answers; for tests).</param>
    public Tlb(int entries, int ways, bool simd = true)
    {
        _ways = Math.Clamp(ways, 1, entries);
        _sets = (ulong)Math.Max(1, entries / _ways);
        _setMask = (_sets & (_sets - 1)) == 0 ? _sets - 1 : ulong.MaxValue;
        _tags = new ulong[_sets * (ulong)_ways];
        _live = new int[_sets];
        _vector = simd && Vector256.IsHardwareAccelerated && _ways % 4 == 0 && _ways <= 32;
        if (_ways <= OrderedWays)
        {
            // Rank i holds way i; the ranks past the last way hold 15, which
            // no way of a narrower set has, so a search never finds them.
            var order = ulong.MaxValue;
            for (var w = 0; w < _ways; w++)
            {
                order = (order & ~(0xFUL << (4 * w))) | ((ulong)w << (4 * w));
            }

            _order = new ulong[_sets];
            Array.Fill(_order, order);
        }
        else
        {
            _ages = new ulong[_tags.Length];
        }
    }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>An access to a mapped page: true on a hit; a miss loads the entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Access(ulong vpn)
    {
        var set = SetOf(vpn);
        var first = set * _ways;
        var tag = (vpn + 1) | _generationBits;
        var way = _vector ? FindVector(first, tag) : FindScalar(first, tag);
        if (way >= 0)
        {
            Touch(set, way);
            Hits++;
            return true;
        }

        Misses++;
        Replace(set, tag);
        return false;
    }

    /// <summary>The entry a page fault leaves behind for the page it mapped.</summary>
    public void Fill(ulong vpn)
    {
        var set = SetOf(vpn);
        var first = set * _ways;
        var tag = (vpn + 1) | _generationBits;
        var way = _vector ? FindVector(first, tag) : FindScalar(first, tag);
        if (way >= 0)
        {
            Touch(set, way);
            return;
        }

        Replace(set, tag);
    }

    /// <summary>INVLPG: drops the entry of <paramref name="vpn"/> if the TLB holds it.</summary>
    public void Invalidate(ulong vpn)
    {
        var set = SetOf(vpn);
        var first = set * _ways;
        var tag = (vpn + 1) | _generationBits;
        for (var w = first; w < first + _ways; w++)
        {
            if (_tags[w] == tag)
            {
                _tags[w] = 0;
                _live[set]--;
                return;
            }
        }
    }

    public void Flush()
    {
        if (++_generation > LastGeneration)
        {
            Array.Clear(_tags);
            _generation = 1;
        }

        _generationBits = _generation << GenerationShift;
        Array.Clear(_live);
    }

    private int SetOf(ulong vpn) => (int)(_setMask != ulong.MaxValue ? vpn & _setMask : vpn % _sets);

    /// <summary>
    /// The way of the set starting at <paramref name="first"/> that holds
    /// <paramref name="tag"/>, or -1.
    /// </summary>
    private int FindScalar(int first, ulong tag)
    {
        var tags = _tags;
        for (var w = 0; w < _ways; w++)
        {
            if (tags[first + w] == tag)
            {
                return w;
            }
        }

        return -1;
    }

    private int FindVector(int first, ulong tag)
    {
        // Every group of four is compared and the masks are merged, without a
        // branch per group (where in the set a hit lies is not predictable).
        ref var tags = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tags), first);
        var wanted = Vector256.Create(tag);
        var hits = Vector256.Equals(Vector256.LoadUnsafe(ref tags), wanted).ExtractMostSignificantBits();
        for (var w = 4; w < _ways; w += 4)
        {
            hits |= Vector256.Equals(Vector256.LoadUnsafe(ref tags, (nuint)w), wanted).ExtractMostSignificantBits() << w;
        }

        return hits != 0 ? BitOperations.TrailingZeroCount(hits) : -1;
    }

    /// <summary>The first way of a set that is not full holding no live entry (a stale generation's or an invalidated one).</summary>
    private int FirstEmpty(int first)
    {
        for (var w = 0; w < _ways; w++)
        {
            if (_tags[first + w] < _generationBits)
            {
                return w;
            }
        }

        return 0;
    }

    private void Replace(int set, ulong tag)
    {
        int way;
        if (_live[set] < _ways)
        {
            way = FirstEmpty(set * _ways);
            _live[set]++;
        }
        else if (_order is not null)
        {
            way = (int)(_order[set] >> (4 * (_ways - 1))) & 0xF;
        }
        else
        {
            way = OldestByAge(set * _ways);
        }

        _tags[set * _ways + way] = tag;
        Touch(set, way);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(int set, int way)
    {
        if (_order is null)
        {
            _ages![set * _ways + way] = ++_tick;
            return;
        }

        var order = _order[set];
        // The rank holding the way: the lowest zero nibble of order ^ (way in every nibble).
        var x = order ^ ((uint)way * Nibbles);
        var zero = (x - Nibbles) & ~x & (Nibbles << 3);
        var shift = BitOperations.TrailingZeroCount(zero) & ~3;
        if (shift == 0)
        {
            return;
        }

        var below = (1UL << shift) - 1;
        var above = ~((below << 4) | 0xFUL);
        _order[set] = (order & above) | ((order & below) << 4) | (uint)way;
    }

    /// <summary>A full set wider than 16 ways: the way with the smallest age.</summary>
    private int OldestByAge(int first)
    {
        var ages = _ages!;
        var oldest = 0;
        for (var w = 1; w < _ways; w++)
        {
            if (ages[first + w] < ages[first + oldest])
            {
                oldest = w;
            }
        }

        return oldest;
    }
}
