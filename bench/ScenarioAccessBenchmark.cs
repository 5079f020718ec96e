using BenchmarkDotNet.Attributes;
using MemScript.Runtime;

namespace MemScript.Bench;

/// <summary>
/// Page accesses through the whole runtime, as a scenario makes them: the
/// scheduler, the access statement's page cursor, the kernel's hot path and
/// the simulated clock. The process touches 16 MiB once (4,096 faults), then
/// reads it 256 times (1,048,576 accesses to resident pages).
/// </summary>
[MemoryDiagnoser]
public class ScenarioAccessBenchmark
{
    private const int Pages = 4096;
    private const int Passes = 256;

    [Benchmark(OperationsPerInvoke = Pages * (Passes + 1))]
    public long TouchThenReadResident() => Simulator.Run(new ReadLoop()).ElapsedNs;

    private sealed class ReadLoop : IScenario
    {
        private static readonly Site Here = new(1, 1, "bench");

        public string SourcePath => "bench.mems";

        public void Build(ScenarioBuilder builder)
        {
            builder.Machine.Ram = 256UL << 20;
            builder.Process(Here, "reader", ProcessOptions.Default, Body);
        }

        private static IEnumerable<Op> Body(Proc p)
        {
            var region = p.Mmap(Here, (ulong)Pages * 4096, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(Here, region, AccessKind.Write, AccessPattern.Sequential, 1);
            yield return p.Access(Here, region, AccessKind.Read, AccessPattern.Sequential, Passes);
        }
    }
}
