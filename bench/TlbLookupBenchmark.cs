using BenchmarkDotNet.Attributes;
using MemScript.Runtime.Mm;

namespace MemScript.Bench;

/// <summary>
/// One TLB array on its own: the second-level TLB's geometry (1536 entries,
/// 12-way), looked up four ways at a time (SIMD) or one way at a time.
/// <c>Misses</c> sweeps 4096 pages, more than the TLB holds, so every lookup
/// misses and replaces the least recently used way; <c>Hits</c> cycles over
/// 1024 pages that stay in it.
/// </summary>
public class TlbLookupBenchmark
{
    private const int Lookups = 1 << 16;
    private Tlb _tlb = null!;

    [Params(true, false)]
    public bool Simd { get; set; }

    [GlobalSetup]
    public void Setup() => _tlb = new Tlb(1536, 12, Simd);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Misses()
    {
        var hits = 0;
        for (var i = 0; i < Lookups; i++)
        {
            hits += _tlb.Access((ulong)(i & 4095)) ? 1 : 0;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Hits()
    {
        var hits = 0;
        for (var i = 0; i < Lookups; i++)
        {
            hits += _tlb.Access((ulong)(i & 1023)) ? 1 : 0;
        }

        return hits;
    }
}
