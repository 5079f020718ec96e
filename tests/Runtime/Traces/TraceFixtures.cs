using System.Buffers.Binary;
using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Traces;

/// <summary>
/// The fixture traces (tests/Runtime/Traces/Fixtures: Silberschatz's
/// reference string as text, csv, oracleGeneral and zstd; a short lackey
/// trace), writers for generated traces, and a run of a scenario text
/// through the whole product. Scenarios are compiled through one cache per
/// test run: the trace's path is run-time data, so every scenario that
/// differs only in its trace file shares one compiled image.
/// </summary>
internal static class TraceFixtures
{
    public static string Folder { get; } = Path.Combine(MemScript.Tests.Compiler.RepositoryRoot.Path, "tests", "Runtime", "Traces", "Fixtures");

    public static readonly int[] Silberschatz = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1];

    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "memscript-trace-tests-" + Environment.ProcessId);

    public static CompileResult Compile(string folder, string text) =>
        ScenarioCompiler.Compile(new CompileRequest(Path.Combine(folder, "t.mems"), text), new CompileOptions(UseCache: true, CacheDirectory: Cache));

    public static SimulationResult Run(string folder, string text)
    {
        var compiled = Compile(folder, text);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    /// <summary>A textbook machine (frames pages of RAM, swap, no watermarks, free page tables) writing a region through a trace.</summary>
    public static string Textbook(string policy, int frames, int regionPages, string pattern) => $$"""
        machine { ram {{frames}} pages; swap 4M; watermarks off; pagetables free; reclaim {{policy}} }

        process p {
          a = mmap {{regionPages}} pages
          write a {{pattern}}
        }
        """;

    public static long Faults(SimulationResult result)
    {
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var p = Assert.Single(result.Processes);
        return p.MinFlt + p.MajFlt;
    }

    public static void WriteText(string path, IReadOnlyList<int> pages) =>
        File.WriteAllLines(path, pages.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>oracleGeneral records (24 bytes, little-endian) with their next-access positions, each object 4 KiB.</summary>
    public static void WriteOracleGeneral(string path, IReadOnlyList<ulong> ids, IReadOnlyList<uint>? sizes = null)
    {
        var bytes = new byte[ids.Count * 24];
        var next = new Dictionary<ulong, long>();
        for (var i = ids.Count - 1; i >= 0; i--)
        {
            var record = bytes.AsSpan(i * 24, 24);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)i);
            BinaryPrimitives.WriteUInt64LittleEndian(record[4..], ids[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], sizes?[i] ?? 4096);
            BinaryPrimitives.WriteInt64LittleEndian(record[16..], next.TryGetValue(ids[i], out var n) ? n : -1);
            next[ids[i]] = i;
        }

        File.WriteAllBytes(path, bytes);
    }

    public static int[] RandomString(int seed, int length, int pages)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => rng.Next(pages)).ToArray();
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "memscript-traces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
