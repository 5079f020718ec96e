using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>
/// The work limit counts the work done, not only page accesses: a fault, a
/// swap I/O, a reclaim scan weigh more than a hit, so a thrashing run stops
/// after far fewer accesses than a run of hits. The runs use a budget of 2^22
/// units, the thrashing run 2^20 (the real one is <see cref="SimClock.MaxWork"/>) to stay quick.
/// </summary>
public sealed class WorkLimitTests
{
    private const long Limit = 1L << 22;

    private static SimulationResult Run(string name, string text, long limit = Limit)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(name, text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!, injectFault: null, limit);
    }

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.Single(c => c.Name == name).Value;

    [Fact]
    public void RandomPattern_WithAHugeCount_StopsAtTheWorkLimit()
    {
        var result = Run("random.mems", "process p {\n  a = mmap 1M\n  read a random 9200000000000000000\n}\n");

        Assert.Equal(RunOutcome.WorkLimit, result.Outcome);
        Assert.Equal($"the scenario did more than {Limit} units of work (page accesses, faults, swap I/O, reclaim scans); the simulation stops here",
            result.OutcomeMessage);
        Assert.Equal(1, MemScript.Cli.ExitCodes.ForRun(result));
    }

    [Fact]
    public void Thrashing_EveryAccessASwapIn_StopsAtTheWorkLimit_AfterFewAccesses()
    {
        var text = File.ReadAllText(Path.Combine(MemScript.Tests.Compiler.RepositoryRoot.Path, "scenarios", "thrashing.mems"))
            .Replace("read b times 4", "read b times 4294967296", StringComparison.Ordinal);

        var result = Run("thrashing.mems", text, 1L << 20);

        Assert.Equal(RunOutcome.WorkLimit, result.Outcome);
        Assert.Equal(1, MemScript.Cli.ExitCodes.ForRun(result));
        // The slow paths' own work took most of the budget: fewer than half of it went to accesses.
        var slowPath = Kernel.FaultWork * Vmstat(result, "pgfault") + Kernel.MajorFaultWork * Vmstat(result, "pgmajfault")
            + Kernel.SwapIoWork * (Vmstat(result, "pswpin") + Vmstat(result, "pswpout"))
            + Kernel.ScanWork * (Vmstat(result, "pgscan_kswapd") + Vmstat(result, "pgscan_direct") + Vmstat(result, "pgactivate") + Vmstat(result, "pgdeactivate"));
        Assert.InRange(slowPath, (1L << 20) / 2, 1L << 20);
        Assert.True(result.SelfChecks.All(c => c.Ok));
    }
}
