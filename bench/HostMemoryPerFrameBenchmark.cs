using BenchmarkDotNet.Attributes;
using MemScript.Runtime;
using MemScript.Runtime.Mm;

namespace MemScript.Bench;

/// <summary>
/// Host memory per simulated frame: boots a 16 GiB machine and makes every
/// frame resident (anonymous pages of one process, with their page tables).
/// The MemoryDiagnoser's "Allocated" column divided by 4,194,304 frames is the
/// host cost of a frame. Target: at most 64 bytes, about 300 MB in all.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class HostMemoryPerFrameBenchmark
{
    private const ulong Ram = 16UL << 30;

    [Benchmark]
    public long Boot16GiBAndFillIt()
    {
        var kernel = new Kernel(new MachineSettings { Ram = Ram, PageTablesCharged = false });
        var mm = kernel.CreateAddressSpace("bench", 8UL << 20, null, null);
        const ulong length = Ram - (64UL << 20);
        var start = kernel.Mmap(mm, new MmapRequest(length, MapKind.AnonPrivate, Read: true, Write: true, Exec: false), out _);
        long cost = 0;
        for (ulong offset = 0; offset < length; offset += 4096)
        {
            kernel.Access(mm, start + offset, AccessKind.Write, ref cost);
        }

        return cost;
    }
}
