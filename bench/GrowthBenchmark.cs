using BenchmarkDotNet.Attributes;
using MemScript.Runtime;

namespace MemScript.Bench;

/// <summary>
/// How a run's cost grows with its work: one scenario per dimension, its
/// work doubled by <see cref="Scale"/> (1, 2, 4) while everything else stays.
/// A linear runtime doubles the time from one scale to the next;
/// bench/growth-table.sh runs this with <c>--job short</c> and prints each
/// dimension's time per unit of work, which stays flat when cost grows
/// linearly.
/// <list type="bullet">
/// <item><c>accesses</c>: one process writes 16 MiB once, then reads it 8 x Scale times (resident accesses).</item>
/// <item><c>processes</c>: 64 x Scale processes, each writes 256 KiB and reads it 4 times.</item>
/// <item><c>ram</c>: a machine of 64 MiB x Scale; one process writes half of it and reads it 4 times (first-touch faults and the frame table).</item>
/// <item><c>vmas</c>: one process maps 512 x Scale one-page regions that cannot merge (alternate protections) and writes each.</item>
/// <item><c>swap</c>: 32 MiB of RAM; one process writes 16 MiB x Scale more than it, twice (swap-outs and swap-ins).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class GrowthBenchmark
{
    [Params("accesses", "processes", "ram", "vmas", "swap")]
    public string Dimension { get; set; } = "accesses";

    [Params(1, 2, 4)]
    public int Scale { get; set; } = 1;

    [Benchmark]
    public long Run() => Simulator.Run(new Workload(Dimension, Scale)).ElapsedNs;

    private sealed class Workload(string dimension, int scale) : IScenario
    {
        private const ulong MiB = 1UL << 20;
        private static readonly Site Here = new(1, 1, "bench");

        public string SourcePath => "growth.mems";

        public void Build(ScenarioBuilder builder)
        {
            builder.Machine.Ram = dimension switch
            {
                "ram" => 64 * MiB * (ulong)scale,
                "swap" => 32 * MiB,
                _ => 1024 * MiB,
            };
            if (dimension == "swap")
                builder.Machine.Swap = 1024 * MiB;
            var processes = dimension == "processes" ? 64 * scale : 1;
            for (var i = 0; i < processes; i++)
                builder.Process(Here, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcessOptions.Default, Body);
        }

        private IEnumerable<Op> Body(Proc p)
        {
            switch (dimension)
            {
                case "accesses":
                    return WriteThenRead(p, 16 * MiB, 8 * scale);
                case "processes":
                    return WriteThenRead(p, 256 * 1024, 4);
                case "ram":
                    return WriteThenRead(p, 32 * MiB * (ulong)scale, 4);
                case "vmas":
                    return ManyMappings(p, 512 * scale);
                default:
                    return Swapping(p, 32 * MiB + 16 * MiB * (ulong)scale);
            }
        }

        private static IEnumerable<Op> WriteThenRead(Proc p, ulong bytes, int reads)
        {
            var region = p.Mmap(Here, bytes, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(Here, region, AccessKind.Write, AccessPattern.Sequential, 1);
            yield return p.Access(Here, region, AccessKind.Read, AccessPattern.Sequential, reads);
        }

        private static IEnumerable<Op> ManyMappings(Proc p, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var region = p.Mmap(Here, 4096, i % 2 == 0 ? MmapFlags.Read | MmapFlags.Write : MmapFlags.Read | MmapFlags.Write | MmapFlags.Exec);
                yield return Op.Next;
                yield return p.Access(Here, region, AccessKind.Write, AccessPattern.Sequential, 1);
            }
        }

        private static IEnumerable<Op> Swapping(Proc p, ulong bytes)
        {
            var region = p.Mmap(Here, bytes, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(Here, region, AccessKind.Write, AccessPattern.Sequential, 2);
        }
    }
}
