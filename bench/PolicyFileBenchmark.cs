using BenchmarkDotNet.Attributes;
using MemScript.Compiler;
using MemScript.Compiler.Policies;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Text;
using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.PolicyHost;

namespace MemScript.Bench;

/// <summary>
/// A policy compiled from a .cs file against its built-in twin, per access:
/// policies/fifo.cs, lru.cs and clock.cs (bounded-execution rewrite, guard
/// and adapter included) and the built-in fifo, lru and clock, driven as
/// <see cref="TextbookPolicyBenchmark"/> drives them: one million accesses to
/// 4,000 pages (Zipf, s = 0.9, seeded) on 1,000 frames, a miss on a full
/// memory reclaiming one frame. The policy file is compiled once in the
/// setup (the compile is not what is measured). Target: a file policy costs
/// at most 1.5x its twin per access.
/// </summary>
[MemoryDiagnoser]
public class PolicyFileBenchmark
{
    private const int Accesses = 1_000_000;
    private const int Pages = 4000;
    private const int Frames = 1000;

    private int[] _trace = [];
    private PolicyFile? _file;

    [Params("fifo", "lru", "clock")]
    public string Policy { get; set; } = "fifo";

    [Params("builtin", "file")]
    public string Source { get; set; } = "builtin";

    [GlobalSetup]
    public void Setup()
    {
        _trace = ZipfTrace(Accesses, Pages, 0.9, seed: 1);
        if (Source == "file")
        {
            var root = FindRoot();
            var reference = new PolicyFileReference("reclaim", $"policies/{Policy}.cs", FromOverride: true, new SourceText("--set", ""), new TextSpan(0, 0));
            var (file, diagnostics) = PolicyCompiler.Compile(reference, "bench.mems", CompileOptions.NoCache with { WorkingDirectory = root });
            _file = file ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
        }
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public long RunTrace() => new Driver(Frames, Pages, Policy, _file).Run(_trace);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MemScript.sln")))
                return folder.FullName;
        throw new InvalidOperationException("MemScript.sln not found above " + AppContext.BaseDirectory);
    }

    private static int[] ZipfTrace(int length, int pages, double s, int seed)
    {
        var cdf = new double[pages];
        var sum = 0.0;
        for (var k = 0; k < pages; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, s);
            cdf[k] = sum;
        }

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

    /// <summary>A frame table handed out once, the policy (built-in or behind the kernel's adapter) and a page table of one process.</summary>
    private sealed class Driver : IReclaimContext
    {
        private readonly int[] _pfnOf;
        private readonly int[] _free;
        private int _freeCount;

        public Driver(int frames, int pages, string policy, PolicyFile? file)
        {
            Frames = new FrameTable(frames, 0);
            var machine = new MachineSettings { Reclaim = policy, ReclaimFile = file };
            Policy = ReclaimPolicies.Create(machine, Frames, null);
            if (Policy is FilePolicyAdapter adapter)
                adapter.Attach(this, 0);
            _free = new int[frames];
            for (var i = 0; i < frames; i++)
                _free[frames - 1 - i] = Frames.Allocate(FrameKind.Anon, 1, -1);
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
                        policy.Reclaim(this, 1);
                    pfn = _free[--_freeCount];
                    Frames[pfn].Index = page;
                    _pfnOf[page] = pfn;
                    policy.Added(pfn);
                }

                if (tracks)
                    policy.Accessed(pfn);
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
