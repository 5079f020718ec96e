using BenchmarkDotNet.Attributes;
using MemScript.Runtime;

namespace MemScript.Bench;

/// <summary>
/// Host memory per simulated process: 10,000 processes on a 4 GiB machine,
/// each <c>a = malloc 4K; touch a</c> (one heap page, one PTE table, the
/// upper tables above it), all alive at the end. The MemoryDiagnoser's
/// "Allocated" column divided by 10,000 is the host cost of a small process,
/// its report rows included. Target: a few KiB plus the 4 KiB PTE table it maps.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class HostMemoryPerProcessBenchmark
{
    private const int Processes = 10_000;

    [Benchmark(OperationsPerInvoke = Processes)]
    public long TenThousandSmallProcesses() => Simulator.Run(new Many()).ElapsedNs;

    private sealed class Many : IScenario
    {
        private static readonly Site Malloc = new(2, 1, "a = malloc 4K");
        private static readonly Site Touch = new(3, 1, "touch a");

        public string SourcePath => "bench.mems";

        public void Build(ScenarioBuilder builder)
        {
            builder.Machine.Ram = 4UL << 30;
            for (var i = 0; i < Processes; i++)
            {
                builder.Process(new Site(1, 1, "process"), "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcessOptions.Default, Body);
            }
        }

        private static IEnumerable<Op> Body(Proc p)
        {
            var a = p.Malloc(Malloc, 4096);
            yield return Op.Next;
            yield return p.Access(Touch, a, AccessKind.Write, AccessPattern.Sequential, 1);
        }
    }
}
