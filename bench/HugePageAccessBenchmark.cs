using BenchmarkDotNet.Attributes;
using MemScript.Runtime;
using MemScript.Runtime.Mm;

namespace MemScript.Bench;

/// <summary>
/// The hot path with the two-level TLB: random reads of resident pages over
/// 64 MiB, mapped with 4 KiB pages (L1 and STLB misses, walks) and with
/// transparent huge pages (2 MiB entries). Compare with
/// <see cref="ResidentAccessBenchmark"/>; the target is the same rate within 10%.
/// </summary>
[MemoryDiagnoser]
public class HugePageAccessBenchmark
{
    private const int Pages = 16384; // 64 MiB
    private const int Accesses = 65536;
    private readonly ulong[] _offsets = new ulong[Accesses];
    private Kernel _kernel = null!;
    private int _mm;
    private ulong _start;

    [Params("never", "madvise")]
    public string Thp { get; set; } = "never";

    [GlobalSetup]
    public void Setup()
    {
        _kernel = new Kernel(new MachineSettings { Ram = 256UL << 20, Thp = Thp });
        _mm = _kernel.CreateAddressSpace("bench", 8UL << 20, null, null);
        _start = _kernel.Mmap(_mm, new MmapRequest((ulong)Pages * 4096, MapKind.AnonPrivate, Read: true, Write: true, Exec: false), out _);
        _kernel.Madvise(_mm, _start, (ulong)Pages * 4096, Advice.HugePage);
        long cost = 0;
        for (var i = 0; i < Pages; i++)
        {
            _kernel.Access(_mm, _start + (ulong)i * 4096, AccessKind.Write, ref cost);
        }

        var random = new Random(1);
        for (var i = 0; i < Accesses; i++)
        {
            _offsets[i] = (ulong)random.Next(Pages) * 4096;
        }
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public long RandomResidentReads()
    {
        long cost = 0;
        foreach (var offset in _offsets)
        {
            _kernel.Access(_mm, _start + offset, AccessKind.Read, ref cost);
        }

        return cost;
    }
}
