using BenchmarkDotNet.Attributes;
using MemScript.Runtime.Mm;

namespace MemScript.Bench;

/// <summary>
/// One TLB array on its own: the second-level TLB's geometry (1536 entries,
/// 12-way), as the runtime keeps it (<c>lines</c>: each set one cache line,
/// <see cref="CacheLineTlb"/>) or in the general array (<see cref="Tlb"/>),
/// looked up four ways at a time (<c>simd</c>) or one way at a time
/// (<c>scalar</c>). <c>Misses</c> sweeps 4096 pages, more than the TLB holds,
/// so every lookup misses and replaces the least recently used way;
/// <c>Hits</c> cycles over 1024 pages that stay in it.
/// </summary>
public class TlbLookupBenchmark
{
    private const int Lookups = 1 << 16;
    private Tlb? _tlb;
    private CacheLineTlb? _lines;

    [Params("lines", "simd", "scalar")]
    public string Layout { get; set; } = "lines";

    [GlobalSetup]
    public void Setup()
    {
        if (Layout == "lines")
        {
            _lines = CacheLineTlb.TryCreate(1536, 12);
        }
        else
        {
            _tlb = new Tlb(1536, 12, Layout == "simd");
        }
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Misses() => Sweep(4095);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Hits() => Sweep(1023);

    private int Sweep(int mask)
    {
        var hits = 0;
        if (_lines is { } lines)
        {
            for (var i = 0; i < Lookups; i++)
            {
                hits += lines.Access((ulong)(i & mask)) ? 1 : 0;
            }

            return hits;
        }

        var tlb = _tlb!;
        for (var i = 0; i < Lookups; i++)
        {
            hits += tlb.Access((ulong)(i & mask)) ? 1 : 0;
        }

        return hits;
    }
}
