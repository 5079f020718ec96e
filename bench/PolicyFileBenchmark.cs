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
        _trace = ZipfTrace.Make(Accesses, Pages, 0.9, seed: 1);
        if (Source == "file")
        {
            var root = FindRoot();
            var reference = new PolicyFileReference("reclaim", $"policies/{Policy}.cs", FromOverride: true, new SourceText("--set", ""), new TextSpan(0, 0));
            var (file, diagnostics) = PolicyCompiler.Compile(reference, "bench.mems", CompileOptions.NoCache with { WorkingDirectory = root });
            _file = file ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
        }
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public long RunTrace() => new PolicyDriver(Frames, Pages, new MachineSettings { Reclaim = Policy, ReclaimFile = _file }, null).Run(_trace);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MemScript.sln")))
                return folder.FullName;
        throw new InvalidOperationException("MemScript.sln not found above " + AppContext.BaseDirectory);
    }
}
