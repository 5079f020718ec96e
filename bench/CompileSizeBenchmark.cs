using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MemScript.Compiler;

namespace MemScript.Bench;

/// <summary>
/// Compile time and allocated memory against the scenario's size: the whole
/// front end (split, parse, check), the C# emitter and Roslyn, no cache, on
/// 1, 2, 4 and 8 MB of generated trace-like text (processes of 20 statements,
/// each statement with a trailing comment as a trace converter writes, about
/// 64 bytes a statement, so 8 MB stays under the 150,000-statement limit).
/// Both columns should grow linearly with <see cref="Megabytes"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CompileSizeBenchmark
{
    private string _text = "";

    [Params(1, 2, 4, 8)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Generate() => _text = Scenario(Megabytes << 20);

    [Benchmark]
    public bool CompileGeneratedScenario() =>
        ScenarioCompiler.Compile(new CompileRequest("generated.mems", _text), CompileOptions.NoCache).Success;

    /// <summary>A scenario of about <paramref name="bytes"/> characters.</summary>
    public static string Scenario(int bytes)
    {
        var text = new StringBuilder("machine { ram 4G }\n");
        var ci = CultureInfo.InvariantCulture;
        for (var p = 0; text.Length < bytes; p++)
        {
            text.Append(ci, $"process worker{p:D5} (nice {p % 20}) {{     # trace process {p}, started at t={p * 3} ms\n");
            text.Append(ci, $"  buffer = mmap 256K                          # mmap(NULL, 262144, ...) = 0x7f{p:x8}\n");
            for (var s = 0; s < 6; s++)
            {
                text.Append(ci, $"  write buffer[0..{(s + 1) * 32}K] stride 8K times 2      # t={p * 3}.{s}01 ms: store burst {s}\n");
                text.Append(ci, $"  read buffer zipf 64 alpha 1.2 seed {s}     # t={p * 3}.{s}02 ms: lookups\n");
                text.Append(ci, $"  sleep 1ms                                   # t={p * 3}.{s}03 ms: waits for I/O\n");
            }

            text.Append(ci, $"  madvise buffer dontneed                     # t={p * 3}.9 ms: drops its cache\n");
            text.Append("}\n");
        }

        return text.ToString();
    }
}
