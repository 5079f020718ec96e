using BenchmarkDotNet.Attributes;
using MemScript.Runtime;

namespace MemScript.Bench;

/// <summary>
/// Page accesses while the kernel reclaims all the time: a 32 MiB machine
/// with swap, the <c>linux</c> policy, and a process whose working set is
/// twice the RAM. It writes 64 MiB once (16,384 pages, half of them pushed to
/// swap on the way), then reads 1,048,576 uniformly random pages of it: about
/// half of those are swap-ins, each of which reclaims a page (kswapd and direct
/// reclaim, swap-out of dirty pages, rmap, PTE updates), blocks for its I/O
/// and lets the scheduler run. Measured through the whole runtime.
/// </summary>
[MemoryDiagnoser]
public class ReclaimAccessBenchmark
{
    private const int Pages = 16_384;
    private const int RandomReads = 1 << 20;

    [Benchmark(OperationsPerInvoke = Pages + RandomReads)]
    public long WorkingSetTwiceTheRam() => Simulator.Run(new Thrash()).ElapsedNs;

    private sealed class Thrash : IScenario
    {
        private static readonly Site Here = new(1, 1, "bench");

        public string SourcePath => "bench.mems";

        public void Build(ScenarioBuilder builder)
        {
            builder.Machine.Ram = 32UL << 20;
            builder.Machine.Swap = 128UL << 20;
            builder.Process(Here, "thrasher", ProcessOptions.Default, Body);
        }

        private static IEnumerable<Op> Body(Proc p)
        {
            var region = p.Mmap(Here, (ulong)Pages * 4096, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(Here, region, AccessKind.Write, AccessPattern.Sequential, 1);
            yield return p.Access(Here, region, AccessKind.Read, AccessPattern.RandomOf(RandomReads, seed: 1), 1);
        }
    }
}
