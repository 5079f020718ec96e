using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// Anonymous memory larger than RAM, through the whole product with the
/// default linux policy: a process writes 48 MiB on a 32 MiB machine with
/// swap, then reads it all back. It survives, every page reads back what was
/// written (the content-stamp self-check), each swap-in is one of its major
/// faults, and resident plus swapped memory covers what it wrote.
/// </summary>
public sealed class SwapRoundTripScenarioTests
{
    private const string Text = """
        machine { ram 32M; swap 64M }

        process writer {
          buf = mmap 48M
          write buf
          read buf
        }
        """;

    private static SimulationResult Run()
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("roundtrip.mems", Text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    private static long Vmstat(SimulationResult result, string name) => result.Vmstat.Single(c => c.Name == name).Value;

    [Fact]
    public void Writes48MiBOn32MiB_SurvivesAndReadsBackWhatItWrote()
    {
        var result = Run();

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Name + ": " + c.Detail));
        var writer = result.Processes.Single();
        Assert.Equal(ProcessState.Alive, writer.State);
        Assert.Equal(0, Vmstat(result, "oom_kill"));
    }

    [Fact]
    public void EverySwapInIsOneOfItsMajorFaults()
    {
        var result = Run();

        var writer = result.Processes.Single();
        Assert.True(Vmstat(result, "pswpin") > 0);
        Assert.Equal(Vmstat(result, "pswpin"), writer.MajFlt);
    }

    [Fact]
    public void RssAnonPlusVmSwap_CoversTheWrittenMemory()
    {
        var result = Run();

        var writer = result.Processes.Single();
        Assert.True(writer.VmSwapKb > 0);
        Assert.True(writer.RssAnonKb + writer.VmSwapKb >= 48 * 1024, $"RssAnon {writer.RssAnonKb} kB + VmSwap {writer.VmSwapKb} kB");
    }
}
