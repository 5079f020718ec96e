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
/// tags are cleared only when the generation wraps).
/// The hot path: a set's tags are compared four at a time (SIMD) where the
/// CPU can, and a set of up to 16 ways keeps its recency order in one word
/// (a way's number per 4-bit rank, the most recent lowest); a wider set keeps
/// an age per way. A miss replaces the first empty (or flushed) way, else the
/// least recently used one. In the order word the empty ways sit past the
/// live ones, the lowest-numbered last: a miss always takes the way of the
/// last rank and rotates it to the front, with no search for an empty way and
/// no count of live entries. A flush puts every set's order back to that of
/// an empty set; an invalidation moves its way among the empty ones.
/// </summary>
internal sealed class Tlb
{
    private const int GenerationShift = 37;
    private const ulong LastGeneration = (1UL << (64 - GenerationShift)) - 1;
    private const int OrderedWays = 16;

    private readonly ulong[] _tags;
    private readonly ulong[]? _order;
    private readonly ulong[]? _ages;
    private readonly int _ways;
    private readonly int _lastRankShift;
    private readonly ulong _emptyOrder;
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
        _vector = simd && Vector256.IsHardwareAccelerated && _ways % 4 == 0 && _ways <= 32;
        if (_ways <= OrderedWays)
        {
            _emptyOrder = RecencyWord.Empty(_ways);
            _lastRankShift = 4 * (_ways - 1);
            _order = new ulong[_sets];
            Array.Fill(_order, _emptyOrder);
        }
        else
        {
            _ages = new ulong[_tags.Length];
        }
    }

    /// <summary>An access to a mapped page: true on a hit; a miss loads the entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Access(ulong vpn)
    {
        var set = SetOf(vpn);
        var tag = (vpn + 1) | _generationBits;
        ref var tags = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tags), set * _ways);
        var way = _vector ? FindVector(ref tags, tag) : FindScalar(ref tags, tag);
        if (way >= 0)
        {
            Touch(set, way);
            return true;
        }

        Load(set, ref tags, tag);
        return false;
    }

    /// <summary>The entry a page fault leaves behind for the page it mapped.</summary>
    public void Fill(ulong vpn)
    {
        var set = SetOf(vpn);
        var tag = (vpn + 1) | _generationBits;
        ref var tags = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tags), set * _ways);
        var way = _vector ? FindVector(ref tags, tag) : FindScalar(ref tags, tag);
        if (way >= 0)
        {
            Touch(set, way);
            return;
        }

        Load(set, ref tags, tag);
    }

    /// <summary>INVLPG: drops the entry of <paramref name="vpn"/> if the TLB holds it.</summary>
    public void Invalidate(ulong vpn)
    {
        var set = SetOf(vpn);
        var first = set * _ways;
        var tag = (vpn + 1) | _generationBits;
        for (var w = 0; w < _ways; w++)
        {
            if (_tags[first + w] == tag)
            {
                _tags[first + w] = 0;
                if (_order is not null)
                {
                    _order[set] = RecencyWord.WithEmptiesLast(_order[set], _ways, LiveWays(first));
                }

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
        if (_order is not null)
        {
            Array.Fill(_order, _emptyOrder);
        }
    }

    private int SetOf(ulong vpn) => (int)(_setMask != ulong.MaxValue ? vpn & _setMask : vpn % _sets);

    /// <summary>The way of the set whose first tag is <paramref name="tags"/> that holds <paramref name="tag"/>, or -1.</summary>
    private int FindScalar(ref ulong tags, ulong tag)
    {
        for (var w = 0; w < _ways; w++)
        {
            if (Unsafe.Add(ref tags, w) == tag)
            {
                return w;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindVector(ref ulong tags, ulong tag)
    {
        // Every group of four is compared and the masks are merged, without a
        // branch per group (where in the set a hit lies is not predictable).
        var wanted = Vector256.Create(tag);
        var hits = Vector256.Equals(Vector256.LoadUnsafe(ref tags), wanted).ExtractMostSignificantBits();
        for (var w = 4; w < _ways; w += 4)
        {
            hits |= Vector256.Equals(Vector256.LoadUnsafe(ref tags, (nuint)w), wanted).ExtractMostSignificantBits() << w;
        }

        return hits != 0 ? BitOperations.TrailingZeroCount(hits) : -1;
    }

    /// <summary>A miss: the way of the last rank (the lowest empty way, else the least recently used) takes the tag and moves to the front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Load(int set, ref ulong tags, ulong tag)
    {
        if (_order is null)
        {
            LoadByAge(set, tag);
            return;
        }

        ref var order = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_order), set);
        Unsafe.Add(ref tags, RecencyWord.TakeLast(ref order, _lastRankShift)) = tag;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(int set, int way)
    {
        if (_order is null)
        {
            _ages![set * _ways + way] = ++_tick;
            return;
        }

        ref var order = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_order), set);
        RecencyWord.MoveToFront(ref order, way);
    }

    /// <summary>A bit per way of the set starting at <paramref name="first"/> that holds an entry of the current generation.</summary>
    private uint LiveWays(int first)
    {
        var live = 0u;
        for (var w = 0; w < _ways; w++)
        {
            if (_tags[first + w] >= _generationBits)
            {
                live |= 1u << w;
            }
        }

        return live;
    }

    /// <summary>A miss in a set wider than 16 ways: the first empty (or flushed) way, else the one with the smallest age.</summary>
    private void LoadByAge(int set, ulong tag)
    {
        var first = set * _ways;
        var ages = _ages!;
        var victim = -1;
        for (var w = 0; w < _ways && victim < 0; w++)
        {
            if (_tags[first + w] < _generationBits)
            {
                victim = w;
            }
        }

        if (victim < 0)
        {
            victim = 0;
            for (var w = 1; w < _ways; w++)
            {
                if (ages[first + w] < ages[first + victim])
                {
                    victim = w;
                }
            }
        }

        _tags[first + victim] = tag;
        ages[first + victim] = ++_tick;
    }
}
