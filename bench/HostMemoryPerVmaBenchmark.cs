using BenchmarkDotNet.Attributes;
using MemScript.Runtime;

namespace MemScript.Bench;

/// <summary>
/// Host memory per VMA: one process maps 10,000 one-page regions, every
/// other one read-only so no two neighbours merge, and touches each (so
/// each VMA has its page and its PTE). The MemoryDiagnoser's "Allocated"
/// column divided by 10,000 is the host cost of a small mapping, its
/// timeline row included. Beside <see cref="HostMemoryPerProcessBenchmark"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class HostMemoryPerVmaBenchmark
{
    private const int Vmas = 10_000;

    [Benchmark(OperationsPerInvoke = Vmas)]
    public long TenThousandOnePageMappings() => Simulator.Run(new ManyMappings()).ElapsedNs;

    private sealed class ManyMappings : IScenario
    {
        private static readonly Site Mmap = new(2, 3, "a = mmap 4K");
        private static readonly Site Touch = new(3, 3, "read a");

        public string SourcePath => "bench.mems";

        public void Build(ScenarioBuilder builder)
        {
            builder.Machine.Ram = 4UL << 30;
            builder.Process(new Site(1, 1, "process p"), "p", ProcessOptions.Default, Body);
        }

        private static IEnumerable<Op> Body(Proc p)
        {
            for (var i = 0; i < Vmas; i++)
            {
                var a = p.Mmap(Mmap, 4096, i % 2 == 0 ? MmapFlags.Read : MmapFlags.Read | MmapFlags.Write);
                yield return Op.Next;
                yield return p.Access(Touch, a, AccessKind.Read, AccessPattern.Sequential, 1);
            }
        }
    }
}
