using MemScript.Runtime;
using MemScript.Tests.Runtime.Reclaim;
using static MemScript.Tests.Runtime.Traces.TraceFixtures;

namespace MemScript.Tests.Runtime.Traces;

/// <summary>
/// Traces through the whole product: a scenario replays a trace file on a
/// textbook machine and the process's faults (minflt + majflt) equal the
/// misses of a straightforward reference implementation of the policy run
/// over the same pages.
/// </summary>
public sealed class TraceReplayTests
{
    [Theory]
    [InlineData("silberschatz.txt", "")]
    [InlineData("silberschatz.txt.zst", "")]
    [InlineData("silberschatz.csv", " columns \"obj-id-col=2, obj-size-col=3\"")]
    [InlineData("silberschatz.oracleGeneral.bin", "")]
    [InlineData("silberschatz.oracleGeneral.bin.zst", "")]
    public void SilberschatzString_FromEachFormat_FaultsAsTheTextbookSays(string file, string options)
    {
        foreach (var (policy, faults) in new[] { ("lru", 12), ("fifo", 15), ("opt", 9) })
            Assert.Equal(faults, Faults(Run(Folder, Textbook(policy, 3, 8, $"trace \"{file}\"{options}"))));
    }

    public static TheoryData<string, int> Machines() => new()
    {
        { "lru", 5 }, { "lru", 17 }, { "fifo", 5 }, { "fifo", 17 }, { "opt", 5 }, { "opt", 17 }, { "clock", 5 }, { "clock", 17 },
    };

    [Theory]
    [MemberData(nameof(Machines))]
    public void RandomTraces_InTextAndOracleGeneral_MissAsTheReference(string policy, int frames)
    {
        var folder = NewFolder();
        var refs = RandomString(seed: frames * 31 + policy.Length, length: 2000, pages: 40);
        WriteText(Path.Combine(folder, "r.txt"), refs);
        WriteOracleGeneral(Path.Combine(folder, "r.oracleGeneral.bin"), refs.Select(p => (ulong)p + 40UL * (ulong)(p % 7)).ToArray());
        var expected = policy switch
        {
            "lru" => ReferencePolicies.Lru(frames, refs),
            "fifo" => ReferencePolicies.Fifo(frames, refs),
            "opt" => ReferencePolicies.Opt(frames, refs),
            _ => ReferencePolicies.Clock(frames, refs),
        };

        Assert.Equal(expected, Faults(Run(folder, Textbook(policy, frames, 40, "trace \"r.txt\""))));
        Assert.Equal(expected, Faults(Run(folder, Textbook(policy, frames, 40, "trace \"r.oracleGeneral.bin\""))));
    }

    [Fact]
    public void Lackey_WithItsOwnMarks_LoadsOfUntouchedPagesTakeNoFrame()
    {
        var text = """
            machine { ram 64M; pagetables free }
            process p {
              a = mmap 16 pages rw exec
              read a trace "program.lackey" access trace
              expect p.minflt == 5
            }
            """;
        var result = Run(Folder, text);

        // Five faults: pages 0 (fetched), 2 (loaded: the zero page), 4 (stored), 5 (loaded) are first
        // touches, and page 2's modify after its load is a write fault on the zero page (a copy).
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.Expectations, e => Assert.Equal(ExpectationStatus.Held, e.Status));
    }

    [Fact]
    public void TheTracesPath_IsRunTimeData_NotCode()
    {
        var a = NewFolder();
        var b = NewFolder();
        WriteText(Path.Combine(a, "r.txt"), [1, 2, 3]);
        WriteText(Path.Combine(b, "r.txt"), [1, 1, 1]);
        var text = Textbook("lru", 4, 8, "trace \"r.txt\"");

        var first = Compile(a, text);
        var second = Compile(b, text);

        // The code names neither the scenario's folder nor the trace's: the second folder is a cache hit
        // and each run reads the trace beside its own scenario.
        Assert.Equal(first.Source!.Text, second.Source!.Text);
        Assert.True(second.FromCache);
        Assert.Equal(3, Faults(Simulator.Run(first.Scenario!)));
        Assert.Equal(1, Faults(Simulator.Run(second.Scenario!)));
    }
}
