using System.Globalization;
using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// Textbook reference strings through the whole product: the scenario text
/// is compiled, run on a machine in textbook mode (a few pages of RAM, swap,
/// no watermarks, free page tables) and the faults the process reports
/// (minflt + majflt) are the faults the textbook counts.
/// </summary>
public sealed class TextbookScenarioTests
{
    private const string Silberschatz = "7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1";
    private const string Belady = "1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5";

    private static string Scenario(string policy, int frames, string pages, int regionPages = 8) => $$"""
        machine { ram {{frames}} pages; swap 1M; watermarks off; pagetables free; reclaim {{policy}} }

        process p {
          a = mmap {{regionPages}} pages
          write a pages {{pages}}
        }
        """;

    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("textbook.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var result = Simulator.Run(compiled.Scenario!);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        return result;
    }

    private static long Faults(SimulationResult result)
    {
        var p = Assert.Single(result.Processes);
        return p.MinFlt + p.MajFlt;
    }

    [Theory]
    [InlineData("fifo", 15)]
    [InlineData("lru", 12)]
    [InlineData("opt", 9)]
    [InlineData("clock", 14)]
    public void SilberschatzString_OnThreePages_FaultsAsTheTextbookSays(string policy, int faults)
    {
        var result = Run(Scenario(policy, 3, Silberschatz));

        Assert.Equal(faults, Faults(result));
        Assert.Equal(6, Assert.Single(result.Processes).MinFlt);   // six distinct pages: each first touch is minor
    }

    [Theory]
    [InlineData(3, 9)]
    [InlineData(4, 10)]
    public void BeladyString_Fifo_FaultsMoreWithMoreFrames(int frames, int faults) =>
        Assert.Equal(faults, Faults(Run(Scenario("fifo", frames, Belady))));

    [Theory]
    [InlineData("fifo", 4, 1)]
    [InlineData("lru", 4, 2)]
    [InlineData("opt", 4, 3)]
    [InlineData("clock", 5, 4)]
    [InlineData("fifo", 2, 5)]
    [InlineData("opt", 6, 6)]
    public void RandomString_FaultsAsTheReferenceImplementation(string policy, int frames, int seed)
    {
        var random = new Random(seed);
        var refs = Enumerable.Range(0, 80).Select(_ => random.Next(10)).ToArray();
        var expected = policy switch
        {
            "fifo" => ReferencePolicies.Fifo(frames, refs),
            "lru" => ReferencePolicies.Lru(frames, refs),
            "opt" => ReferencePolicies.Opt(frames, refs),
            _ => ReferencePolicies.Clock(frames, refs),
        };
        var pages = string.Join(", ", refs.Select(r => r.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(expected, Faults(Run(Scenario(policy, frames, pages, regionPages: 10))));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("random")]
    public void OtherPolicies_RunTheString_BetweenOptAndEveryPageFaulting(string policy)
    {
        var faults = Faults(Run(Scenario(policy, 3, Silberschatz)));

        Assert.InRange(faults, 9, 20);
    }
}
