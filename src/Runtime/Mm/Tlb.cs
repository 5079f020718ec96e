using System.Runtime.CompilerServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// One TLB array (an L1 data or instruction TLB, or the second-level TLB of
/// <see cref="TlbSet"/>): N entries, M-way set associative, the set
/// chosen by the low bits of the virtual page number, least recently used
/// replacement within a set (ages from a per-TLB tick: deterministic). It
/// decides only the cost of an access to a mapped page (hit 4 ns, miss and
/// page walk 20 ns): translations are always read from the page tables, so a
/// stale entry can never give a wrong answer, and the kernel flushes the
/// whole TLB of an mm when it unmaps, write-protects or re-protects pages
/// (flush_tlb_mm). A page-fault fills the entry of the page it mapped.
/// A flush is O(1): tags carry a generation above the page number's 37 bits,
/// and an entry of an older generation counts as empty (the array is cleared
/// only when the generation wraps).
/// </summary>
internal sealed class Tlb
{
    private readonly ulong[] _tags;
    private readonly uint[] _ages;
    private readonly int _ways;
    private readonly ulong _sets;
    private readonly ulong _setMask;
    private const int GenerationShift = 37;
    private const ulong LastGeneration = (1UL << (64 - GenerationShift)) - 1;
    private ulong _generation = 1;
    private ulong _generationBits = 1UL << GenerationShift;
    private uint _tick;

    public Tlb(int entries, int ways)
    {
        _ways = Math.Clamp(ways, 1, entries);
        _sets = (ulong)Math.Max(1, entries / _ways);
        _setMask = (_sets & (_sets - 1)) == 0 ? _sets - 1 : ulong.MaxValue;
        _tags = new ulong[_sets * (ulong)_ways];
        _ages = new uint[_tags.Length];
    }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>An access to a mapped page: true on a hit; a miss loads the entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Access(ulong vpn)
    {
        var first = SetStart(vpn);
        var tag = (vpn + 1) | _generationBits;
        var tick = ++_tick;
        var tags = _tags;
        var ages = _ages;
        // One pass finds a hit and, for a miss, the entry Load would choose:
        // the first empty (or flushed) one, else the least recently used.
        var victim = first;
        var empty = false;
        for (var w = first; w < first + _ways; w++)
        {
            var t = tags[w];
            if (t == tag)
            {
                ages[w] = tick;
                Hits++;
                return true;
            }

            if (empty)
            {
                continue;
            }

            if (t < _generationBits)
            {
                victim = w;
                empty = true;
            }
            else if (ages[w] < ages[victim])
            {
                victim = w;
            }
        }

        Misses++;
        tags[victim] = tag;
        ages[victim] = tick;
        return false;
    }

    /// <summary>The entry a page fault leaves behind for the page it mapped.</summary>
    public void Fill(ulong vpn)
    {
        var first = SetStart(vpn);
        var tag = (vpn + 1) | _generationBits;
        var tick = ++_tick;
        for (var w = first; w < first + _ways; w++)
        {
            if (_tags[w] == tag)
            {
                _ages[w] = tick;
                return;
            }
        }

        Load(first, tag, tick);
    }

    /// <summary>INVLPG: drops the entry of <paramref name="vpn"/> if the TLB holds it.</summary>
    public void Invalidate(ulong vpn)
    {
        var first = SetStart(vpn);
        var tag = (vpn + 1) | _generationBits;
        for (var w = first; w < first + _ways; w++)
        {
            if (_tags[w] == tag)
            {
                _tags[w] = 0;
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
    }

    private int SetStart(ulong vpn) =>
        (int)(_setMask != ulong.MaxValue ? vpn & _setMask : vpn % _sets) * _ways;

    private void Load(int first, ulong tag, uint tick)
    {
        var victim = first;
        for (var w = first; w < first + _ways; w++)
        {
            if (_tags[w] < _generationBits)   // empty or flushed
            {
                victim = w;
                break;
            }

            if (_ages[w] < _ages[victim])
            {
                victim = w;
            }
        }

        _tags[victim] = tag;
        _ages[victim] = tick;
    }
}
