using MemScript.Runtime.Mm;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The TLB compares a set's tags four at a time where the CPU has SIMD and
/// keeps a narrow set's recency order in one word. Its answers (hit or miss,
/// and which entry a miss replaces, which decides every later hit) must be
/// those of a plain set-associative LRU written the textbook way, for every
/// geometry the machine block accepts.
/// </summary>
public class TlbLookupEquivalenceTests
{
    [Theory]
    [InlineData(64, 4, 256)]      // the L1 dTLB
    [InlineData(32, 4, 64)]       // the 2 MiB L1
    [InlineData(128, 8, 512)]     // the L1 iTLB
    [InlineData(1536, 12, 4096)]  // the STLB (128 sets: a power of two)
    [InlineData(1920, 12, 4096)]  // 160 sets: the modulo path
    [InlineData(16, 16, 64)]      // one set, its order in all 16 nibbles
    [InlineData(48, 16, 200)]
    [InlineData(96, 32, 300)]     // wider than 16 ways: ages
    [InlineData(128, 128, 400)]   // fully associative, past the 64-way mask
    [InlineData(30, 3, 100)]      // not a multiple of four
    public void SimdAndScalarLookups_AgreeWithATextbookLru(int entries, int ways, int pages)
    {
        var simd = new Tlb(entries, ways);
        var scalar = new Tlb(entries, ways, simd: false);
        var reference = new ReferenceTlb(entries, ways);
        var random = new Random(entries * 31 + ways);
        var hits = 0;
        for (var i = 0; i < 100_000; i++)
        {
            // Mostly a hot subset, sometimes anywhere: both hits and evictions happen.
            var vpn = (ulong)(random.Next(4) == 0 ? random.Next(pages) : random.Next(pages / 8 + 1));
            switch (random.Next(100))
            {
                case 0:
                    simd.Flush();
                    scalar.Flush();
                    reference.Flush();
                    break;
                case < 4:
                    simd.Invalidate(vpn);
                    scalar.Invalidate(vpn);
                    reference.Invalidate(vpn);
                    break;
                case < 10:
                    simd.Fill(vpn);
                    scalar.Fill(vpn);
                    reference.Access(vpn);
                    break;
                default:
                    var expected = reference.Access(vpn);
                    Assert.Equal(expected, simd.Access(vpn));
                    Assert.Equal(expected, scalar.Access(vpn));
                    hits += expected ? 1 : 0;
                    break;
            }
        }

        Assert.InRange(hits, 1_000, 95_000);   // both outcomes were exercised
    }

    [Theory]
    [InlineData(1536, 12, 4096, 0UL)]              // the STLB
    [InlineData(1536, 12, 4096, 1UL << 36)]        // its 2 MiB entries, tagged above the 4 KiB page numbers
    [InlineData(1536, 12, 4096, (1UL << 35) - 8192)] // the top of a 47-bit space
    [InlineData(512, 8, 2048, 0UL)]
    [InlineData(256, 4, 1024, 0UL)]
    public void OneLineSets_AgreeWithATextbookLru(int entries, int ways, int pages, ulong based)
    {
        var lines = CacheLineTlb.TryCreate(entries, ways);
        Assert.NotNull(lines);
        var reference = new ReferenceTlb(entries, ways);
        var random = new Random(entries * 37 + ways);
        var hits = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var vpn = based + (ulong)(random.Next(4) == 0 ? random.Next(pages) : random.Next(pages / 8 + 1));
            switch (random.Next(100))
            {
                case 0:
                    lines.Flush();
                    reference.Flush();
                    break;
                case < 4:
                    lines.Invalidate(vpn);
                    reference.Invalidate(vpn);
                    break;
                case < 10:
                    lines.Fill(vpn);
                    reference.Access(vpn);
                    break;
                default:
                    var expected = reference.Access(vpn);
                    Assert.Equal(expected, lines.Access(vpn));
                    hits += expected ? 1 : 0;
                    break;
            }
        }

        Assert.InRange(hits, 1_000, 95_000);
    }

    [Theory]
    [InlineData(1920, 12)]   // 160 sets: not a power of two
    [InlineData(64, 4)]      // 16 sets: a tag would not fit 32 bits
    [InlineData(96, 16)]     // wider than one line
    public void GeometriesWithoutOneLineSets_UseTheGeneralArray(int entries, int ways) =>
        Assert.Null(CacheLineTlb.TryCreate(entries, ways));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InvalidatedWays_AreRefilledLowestFirst_ThenTheLeastRecentlyUsedGoes(bool simd)
    {
        // 8 entries, 4 ways: two sets; even page numbers all fall in set 0.
        var tlb = new Tlb(8, 4, simd);
        foreach (var vpn in new ulong[] { 0, 2, 4, 6 })
        {
            tlb.Fill(vpn);                   // ways 0, 1, 2, 3
        }

        Assert.True(tlb.Access(0));          // 0 becomes the most recent; 2 the least
        tlb.Invalidate(4);                   // way 2 empties
        tlb.Invalidate(2);                   // way 1 empties
        Assert.False(tlb.Access(8));         // takes way 1, the lowest empty one, not the LRU (6)
        Assert.False(tlb.Access(10));        // takes way 2
        Assert.False(tlb.Access(12));        // the set is full: 6, the least recently used, goes
        Assert.Equal(
            [true, true, true, true, false, false],
            new ulong[] { 0, 8, 10, 12, 6, 0 }.Select(tlb.Access).ToArray());   // 6 evicts 0, then 0 evicts 8

        tlb.Flush();
        Assert.False(tlb.Access(8));         // a flushed set refills from way 0
        Assert.False(tlb.Access(14));
        Assert.False(tlb.Access(16));
        Assert.False(tlb.Access(18));
        Assert.True(tlb.Access(8));
        Assert.False(tlb.Access(20));        // 14, the least recently used since the flush, goes
        Assert.Equal([true, true, true, false], new ulong[] { 8, 16, 18, 14 }.Select(tlb.Access).ToArray());
    }

    /// <summary>Per set a list of ways: a hit or load stamps the way with the time; a miss takes the lowest empty way, else the oldest stamp.</summary>
    private sealed class ReferenceTlb(int entries, int ways)
    {
        private readonly ulong?[] _pages = new ulong?[entries];
        private readonly long[] _used = new long[entries];
        private readonly int _sets = entries / ways;
        private long _now;

        public bool Access(ulong vpn)
        {
            var first = (int)(vpn % (ulong)_sets) * ways;
            _now++;
            for (var w = first; w < first + ways; w++)
            {
                if (_pages[w] == vpn)
                {
                    _used[w] = _now;
                    return true;
                }
            }

            var victim = -1;
            for (var w = first; w < first + ways && victim < 0; w++)
            {
                if (_pages[w] is null)
                {
                    victim = w;
                }
            }

            if (victim < 0)
            {
                victim = first;
                for (var w = first; w < first + ways; w++)
                {
                    if (_used[w] < _used[victim])
                    {
                        victim = w;
                    }
                }
            }

            _pages[victim] = vpn;
            _used[victim] = _now;
            return false;
        }

        public void Invalidate(ulong vpn)
        {
            var i = Array.IndexOf(_pages, vpn);
            if (i >= 0)
            {
                _pages[i] = null;
            }
        }

        public void Flush() => Array.Fill(_pages, null);
    }
}
