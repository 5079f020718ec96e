using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// The linux policy through the whole product: a process keeps 6 MiB of
/// anonymous memory while it streams a 24 MiB file twice through 16 MiB of
/// RAM; swappiness decides how much of the anonymous memory goes to swap.
/// </summary>
public sealed class LinuxScenarioTests
{
    private static string Scenario(string machine) => $$"""
        machine { ram 16M; {{machine}} }

        file "data.bin" size 24M

        process p {
          a = mmap 6M
          write a
          f = mmap file "data.bin"
          read f times 2
        }
        """;

    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("linux.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var result = Simulator.Run(compiled.Scenario!);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        return result;
    }

    private static long Vmstat(SimulationResult result, string name) => result.Vmstat.Single(c => c.Name == name).Value;

    [Fact]
    public void SwappinessZero_ReclaimsTheFileOnly_NothingIsSwappedOut()
    {
        var result = Run(Scenario("swap 32M; swappiness 0"));

        Assert.Equal(0, Vmstat(result, "pswpout"));
        Assert.True(Vmstat(result, "pgsteal_kswapd") + Vmstat(result, "pgsteal_direct") > 0);
    }

    [Fact]
    public void NoSwap_ReclaimsTheFileOnly_EvenWithSwappiness200()
    {
        var result = Run(Scenario("swappiness 200"));

        Assert.Equal(0, Vmstat(result, "pswpout"));
        Assert.Equal(6L << 20 >> 10, Assert.Single(result.Processes).RssAnonKb);
    }

    [Fact]
    public void HigherSwappiness_SwapsOutMoreAnonymousMemory()
    {
        var low = Vmstat(Run(Scenario("swap 32M; swappiness 10")), "pswpout");
        var middle = Vmstat(Run(Scenario("swap 32M; swappiness 60")), "pswpout");
        var high = Vmstat(Run(Scenario("swap 32M; swappiness 200")), "pswpout");

        Assert.True(low < middle && middle < high, $"pswpout {low}, {middle}, {high}");
    }

    [Fact]
    public void ReusedFilePages_AreActivated_AndTheActiveListIsAged()
    {
        var result = Run(Scenario("swap 32M"));

        Assert.True(Vmstat(result, "pgactivate") > 0);
        Assert.True(Vmstat(result, "pgdeactivate") > 0);
    }
}
