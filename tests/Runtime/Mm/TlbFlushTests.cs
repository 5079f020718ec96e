using MemScript.Runtime.Mm;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// A flush empties the TLB whatever way it is done: after one, every page
/// misses once, and replacement fills the set as an empty one (first way
/// first, then least recently used), however many flushes came before.
/// </summary>
public sealed class TlbFlushTests
{
    [Fact]
    public void AfterAFlush_EveryPageMissesOnce_ThenHits()
    {
        var tlb = new Tlb(64, 4);
        for (var vpn = 0UL; vpn < 64; vpn++)
        {
            tlb.Fill(vpn);
        }

        tlb.Flush();

        for (var vpn = 0UL; vpn < 64; vpn++)
        {
            Assert.False(tlb.Access(vpn));
        }

        for (var vpn = 0UL; vpn < 64; vpn++)
        {
            Assert.True(tlb.Access(vpn));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void RandomAccessesWithFlushes_HitExactlyAsACacheClearedOnEveryFlush(int seed)
    {
        var tlb = new Tlb(16, 4);
        var reference = new ClearedTlb(16, 4);
        var random = new Random(seed);
        for (var step = 0; step < 20_000; step++)
        {
            var vpn = (ulong)random.Next(40);
            switch (random.Next(10))
            {
                case 0:
                    tlb.Flush();
                    reference.Flush();
                    break;
                case 1:
                    tlb.Fill(vpn);
                    reference.Fill(vpn);
                    break;
                default:
                    Assert.Equal(reference.Access(vpn), tlb.Access(vpn));
                    break;
            }
        }
    }

    /// <summary>The plain model: tags cleared on a flush, LRU by tick within a set.</summary>
    private sealed class ClearedTlb(int entries, int ways)
    {
        private readonly ulong[] _tags = new ulong[entries];
        private readonly uint[] _ages = new uint[entries];
        private uint _tick;

        public bool Access(ulong vpn)
        {
            var first = (int)(vpn % (ulong)(entries / ways)) * ways;
            var tick = ++_tick;
            for (var w = first; w < first + ways; w++)
            {
                if (_tags[w] == vpn + 1)
                {
                    _ages[w] = tick;
                    return true;
                }
            }

            Load(first, vpn + 1, tick);
            return false;
        }

        public void Fill(ulong vpn) => Access(vpn);

        public void Flush() => Array.Clear(_tags);

        private void Load(int first, ulong tag, uint tick)
        {
            var victim = first;
            for (var w = first; w < first + ways; w++)
            {
                if (_tags[w] == 0)
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
}
