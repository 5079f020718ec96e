using BenchmarkDotNet.Attributes;
using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Bench;

/// <summary>
/// The textbook reclaim policies driven directly, as a textbook runs a
/// reference string: one million accesses to 4,000 pages (Zipf, s = 0.9,
/// seeded) on 1,000 frames; a miss on a full memory reclaims one frame. Each
/// invocation starts from empty memory (a fresh frame table and policy), so
/// every fault, eviction and access is measured. <c>opt</c> replays a trace
/// recorded (and indexed) once in the setup. Target: at least 20 million accesses a second.
/// </summary>
[MemoryDiagnoser]
public class TextbookPolicyBenchmark
{
    private const int Accesses = 1_000_000;
    private const int Pages = 4000;
    private const int Frames = 1000;

    private int[] _trace = [];
    private PageTrace? _recorded;

    [Params("fifo", "lru", "clock", "random", "opt")]
    public string Policy { get; set; } = "fifo";

    [GlobalSetup]
    public void Setup()
    {
        _trace = ZipfTrace.Make(Accesses, Pages, 0.9, seed: 1);
        if (Policy == "opt")
        {
            var first = new PolicyDriver(Frames, Pages, new MachineSettings { Reclaim = "opt", ReclaimSeed = 7 }, null);
            first.Run(_trace);
            _recorded = ((OptPolicy)first.Policy).Recorded;
            _ = _recorded!.NextUses;   // built once per trace, as the second pass of a run does
        }
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public long RunTrace() => new PolicyDriver(Frames, Pages, new MachineSettings { Reclaim = Policy, ReclaimSeed = 7 }, _recorded).Run(_trace);
}
