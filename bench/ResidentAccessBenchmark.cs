using BenchmarkDotNet.Attributes;
using MemScript.Runtime;
using MemScript.Runtime.Mm;

namespace MemScript.Bench;

/// <summary>
/// The hot path: accesses to pages that are already resident (a TLB hit or a
/// page-table walk, no fault). Target: at least 50 million accesses a second.
/// </summary>
[MemoryDiagnoser]
public class ResidentAccessBenchmark
{
    private const int Pages = 4096; // 16 MiB
    private Kernel _kernel = null!;
    private int _mm;
    private ulong _start;

    /// <summary>Second-level TLB entries: 1536 (the default, 12-way) or 0 (<c>stlb off</c>).</summary>
    [Params(1536, 0)]
    public int Stlb { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = new Kernel(new MachineSettings { Ram = 256UL << 20, StlbEntries = Stlb });
        _mm = _kernel.CreateAddressSpace("bench", 8UL << 20, null, null);
        _start = _kernel.Mmap(_mm, new MmapRequest((ulong)Pages * 4096, MapKind.AnonPrivate, Read: true, Write: true, Exec: false), out _);
        long cost = 0;
        for (var i = 0; i < Pages; i++)
        {
            _kernel.Access(_mm, _start + (ulong)i * 4096, AccessKind.Write, ref cost);
        }
    }

    [Benchmark(OperationsPerInvoke = Pages * 16)]
    public long ReadResidentPages()
    {
        long cost = 0;
        for (var pass = 0; pass < 16; pass++)
        {
            for (var i = 0; i < Pages; i++)
            {
                _kernel.Access(_mm, _start + (ulong)i * 4096, AccessKind.Read, ref cost);
            }
        }

        return cost;
    }
}
