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
        _trace = ZipfTrace(Accesses, Pages, 0.9, seed: 1);
        if (Policy == "opt")
        {
            var first = new Driver(Frames, Pages, "opt", null);
            first.Run(_trace);
            _recorded = ((OptPolicy)first.Policy).Recorded;
            _ = _recorded!.NextUses;   // built once per trace, as the second pass of a run does
        }
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public long RunTrace() => new Driver(Frames, Pages, Policy, _recorded).Run(_trace);

    private static int[] ZipfTrace(int length, int pages, double s, int seed)
    {
        var cdf = new double[pages];
        var sum = 0.0;
        for (var k = 0; k < pages; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, s);
            cdf[k] = sum;
        }

        // Page numbers are scattered so that popular pages are not neighbours.
        var random = new Random(seed);
        var shuffle = Enumerable.Range(0, pages).ToArray();
        random.Shuffle(shuffle);
        var trace = new int[length];
        for (var i = 0; i < length; i++)
        {
            var rank = Array.BinarySearch(cdf, random.NextDouble() * sum);
            trace[i] = shuffle[Math.Min(rank < 0 ? ~rank : rank, pages - 1)];
        }

        return trace;
    }

    /// <summary>
    /// A frame table whose frames are all handed out once, a policy and a page
    /// table of one process. The driver keeps its own free list, so the
    /// frame table's allocation path is not what is measured: a fault takes a
    /// free frame (reclaiming one first when none is left) and tells the
    /// policy (Added); evicting unmaps the page, tells the policy (Removed)
    /// and frees the frame, as the kernel does.
    /// </summary>
    private sealed class Driver : IReclaimContext
    {
        private readonly int[] _pfnOf;
        private readonly int[] _free;
        private int _freeCount;

        public Driver(int frames, int pages, string policy, PageTrace? future)
        {
            Frames = new FrameTable(frames, 0);
            Policy = ReclaimPolicies.Create(new MachineSettings { Reclaim = policy, ReclaimSeed = 7 }, Frames, future);
            _free = new int[frames];
            for (var i = 0; i < frames; i++)
            {
                _free[frames - 1 - i] = Frames.Allocate(FrameKind.Anon, 1, -1);
            }

            _freeCount = frames;
            _pfnOf = new int[pages];
            Array.Fill(_pfnOf, -1);
        }

        public FrameTable Frames { get; }

        public IReclaimPolicy Policy { get; }

        public bool CanSwap => true;

        public int Swappiness => 60;

        public long FreePages => _freeCount;

        public long HighWatermark => 0;

        public long SwapFreePages => 1 << 20;

        public long Run(int[] trace)
        {
            var policy = Policy;
            var tracks = policy.TracksAccesses;
            long faults = 0;
            foreach (var page in trace)
            {
                var pfn = _pfnOf[page];
                if (pfn < 0)
                {
                    faults++;
                    if (_freeCount == 0)
                    {
                        policy.Reclaim(this, 1);
                    }

                    pfn = _free[--_freeCount];
                    Frames[pfn].Index = page;
                    _pfnOf[page] = pfn;
                    policy.Added(pfn);
                }

                if (tracks)
                {
                    policy.Accessed(pfn);
                }
            }

            return faults;
        }

        public int TestAndClearReferenced(int pfn) => 0;

        public bool CanEvict(int pfn) => true;

        public bool Evict(int pfn)
        {
            _pfnOf[(int)Frames[pfn].Index] = -1;
            Policy.Removed(pfn);
            _free[_freeCount++] = pfn;
            return true;
        }

        public void Count(VmCounter counter, long n = 1)
        {
        }
    }
}
