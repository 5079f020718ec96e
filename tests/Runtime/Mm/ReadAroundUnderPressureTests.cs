using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// Read-around when memory is short, through the whole product: readahead
/// allocates its window as the kernel does with __GFP_NORETRY, so a window
/// larger than what reclaim can free is read in part (the faulting page
/// always), never an OOM kill or an allocation past the reservation.
/// </summary>
public sealed class ReadAroundUnderPressureTests
{
    private static string Scenario(string policy, string watermarks, string readahead, string advice) => $$"""
        machine { ram 48 pages; swap 1M; {{watermarks}}{{readahead}}pagetables free; reclaim {{policy}} }
        file "f" size 256K

        process p {
          a = mmap 48 pages
          write a
          f = mmap file "f"
          {{advice}}
          read f zipf 3000
          read a
        }
        """;

    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("read-around.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    [Theory]
    [InlineData("fifo", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("lru", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("clock", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("random", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("opt", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("linux", "watermarks off; ", "readahead 256K; ", "")]
    [InlineData("fifo", "watermarks off; ", "", "madvise f sequential")]
    [InlineData("linux", "watermarks off; ", "", "")]
    [InlineData("fifo", "", "readahead 256K; ", "")]
    [InlineData("linux", "", "readahead 256K; ", "")]
    [InlineData("opt", "", "", "madvise f sequential")]
    public void WindowLargerThanReclaimableRam_ReadsWhatFits_AndTheProcessLives(string policy, string watermarks, string readahead, string advice)
    {
        var result = Run(Scenario(policy, watermarks, readahead, advice));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        Assert.Empty(result.OomKills);
        var p = Assert.Single(result.Processes);
        Assert.True(p.MajFlt > 0);
    }

    [Theory]
    [InlineData("linux", "")]
    [InlineData("linux", "watermarks off; ")]
    [InlineData("fifo", "watermarks off; ")]
    [InlineData("opt", "")]
    public void AsyncWindowsLargerThanFreeMemory_TakeWhatIsFree_AndTheStreamGoesOn(string policy, string watermarks)
    {
        // A sequential read of a 1 MiB file on 48 pages with a 512 KiB read-ahead:
        // each mark starts a 128-page window that cannot fit, read in part.
        var result = Run($$"""
            machine { ram 48 pages; swap 1M; {{watermarks}}readahead 512K; pagetables free; reclaim {{policy}} }
            file "f" size 1M

            process p {
              f = mmap file "f"
              read f
              read f
            }
            """);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        Assert.Empty(result.OomKills);
        var p = Assert.Single(result.Processes);
        Assert.InRange(p.MajFlt, 2, 512);   // at worst (watermarks leave nothing spare) every page is read alone
    }
}
