using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Reporting;
using MemScript.Tests.Corpus;
using static MemScript.Tests.Runtime.Traces.TraceFixtures;

namespace MemScript.Tests.Runtime.FastPath;

/// <summary>
/// The kernel's textbook write path (Kernel.TextbookFastPath.cs) changes how
/// fast a run goes, never what it reports: every scenario of the corpus, and
/// generated uniform, Zipf, loop and trace replays on textbook machines, give
/// the same text and JSON reports byte for byte with the path on and off
/// (<c>MEMSCRIPT_FASTPATH=off</c>). The textbook scenarios and the generated
/// runs must also have taken the path, so the comparison compares something.
/// </summary>
public sealed class TextbookFastPathEquivalenceTests
{
    [Theory]
    [MemberData(nameof(ScenarioFrontendTests.Scenarios), MemberType = typeof(ScenarioFrontendTests))]
    public void CorpusScenario_ReportsTheSame_WithAndWithoutTheFastPath(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath));
        var (fast, taken) = Reports(RepoPaths.Root, relativePath, text, fastPath: true);
        var (general, _) = Reports(RepoPaths.Root, relativePath, text, fastPath: false);

        Assert.Equal(general.Text, fast.Text);
        Assert.Equal(general.Json, fast.Json);
        if (relativePath.Contains("textbook-belady", StringComparison.Ordinal) || relativePath.Contains("textbook-lru", StringComparison.Ordinal)
            || relativePath.Contains("textbook-fifo", StringComparison.Ordinal) || relativePath.Contains("textbook-clock", StringComparison.Ordinal))
        {
            Assert.True(taken > 0, "the textbook scenario did not take the fast path");
        }
    }

    public static TheoryData<string, string, int> Patterns() => new()
    {
        { "lru", "random 20000 seed 3", 64 },
        { "fifo", "random 20000 seed 3", 64 },
        { "lru", "zipf 20000 alpha 0.9 seed 5", 32 },
        { "fifo", "zipf 20000 alpha 0.9 seed 5", 32 },
        { "lru", "times 4", 200 },
        { "fifo", "times 4", 200 },
        { "lru", "trace \"r.txt\"", 48 },
        { "fifo", "trace \"r.oracleGeneral.bin\"", 48 },
        { "clock", "random 20000 seed 3", 64 },
        { "clock", "zipf 20000 alpha 0.9 seed 5", 32 },
        { "clock", "times 4", 200 },
        { "clock", "trace \"r.oracleGeneral.bin\"", 48 },
        { "opt", "random 20000 seed 3", 64 },
        { "opt", "zipf 20000 alpha 0.9 seed 5", 32 },
        { "opt", "times 4", 200 },
        { "opt", "trace \"r.oracleGeneral.bin\"", 48 },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void GeneratedReplay_ReportsTheSame_WithAndWithoutTheFastPath(string policy, string pattern, int frames)
    {
        var folder = NewFolder();
        var refs = RandomString(seed: 17, length: 5000, pages: 256);
        WriteText(Path.Combine(folder, "r.txt"), refs);
        WriteOracleGeneral(Path.Combine(folder, "r.oracleGeneral.bin"), refs.Select(p => (ulong)p).ToArray());
        // A second write statement starts from the first one's state; a read afterwards meets swapped pages.
        var text = $$"""
            machine { ram {{frames}} pages; swap 4M; watermarks off; pagetables free; reclaim {{policy}} }

            process p {
              a = mmap 256 pages
              write a {{pattern}}
              write a[..64K] random 500 seed 9
              read a random 300 seed 11
              free a
            }
            """;

        var (fast, taken) = Reports(folder, "replay.mems", text, fastPath: true);
        var (general, _) = Reports(folder, "replay.mems", text, fastPath: false);

        Assert.True(taken > 0, "the replay did not take the fast path");
        Assert.Equal(general.Text, fast.Text);
        Assert.Equal(general.Json, fast.Json);
    }

    [Fact]
    public void BadTraceRecord_StopsAtItsLine_AfterEveryRequestBeforeIt_WithAndWithoutTheFastPath()
    {
        // The fast path reads requests ahead (to prefetch their PTEs): the bad
        // record must still stop the run only when its turn comes.
        var folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, "bad.txt"), "0\n1\n2\n3\n4\n5\nseven\n8\n");
        var text = """
            machine { ram 4 pages; swap 1M; watermarks off; pagetables free; reclaim lru }

            process p {
              a = mmap 16 pages
              write a trace "bad.txt"
            }
            """;

        var (fast, taken) = Reports(folder, "bad.mems", text, fastPath: true);
        var (general, _) = Reports(folder, "bad.mems", text, fastPath: false);

        Assert.True(taken > 0, "the replay did not take the fast path");
        Assert.Equal(general.Text, fast.Text);
        Assert.Equal(general.Json, fast.Json);
        Assert.Contains("bad.txt:7", fast.Text, StringComparison.Ordinal);
        Assert.Matches("\"minflt\": *6,", fast.Json);
    }

    private static ((string Text, string Json) Reports, long Taken) Reports(string folder, string fileName, string text, bool fastPath)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(Path.Combine(folder, fileName), text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var before = FastPathSwitch.Taken;
        SimulationResult result;
        using (fastPath ? null : FastPathSwitch.Disable())
        {
            result = Simulator.Run(compiled.Scenario!);
        }

        var taken = FastPathSwitch.Taken - before;
        return ((ReportRenderer.Render(result, ReportFormat.Text), ReportRenderer.Render(result, ReportFormat.Json)), taken);
    }
}
