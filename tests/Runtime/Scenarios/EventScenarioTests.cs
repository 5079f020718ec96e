using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class EventScenarioTests
{
    private const long Ms = 1_000_000;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Nothing(Proc p)
    {
        yield break;
    }

    private static IEnumerable<Op> KillOther(Proc p)
    {
        p.Kill(S(3), "victim");
        yield return Op.Next;
    }

    [Fact]
    public void KillFromAProcess_KillsTheMostRecentLiveProcessOfThatName()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "victim", ProcessOptions.Default, Nothing);
            b.Process(S(2), "killer", ProcessOptions.Default with { StartNs = Ms }, KillOther);
        });
        Assert.Equal(ProcessState.Killed, result.Processes.Single(p => p.Name == "victim").State);
        Assert.Equal(ProcessState.Alive, result.Processes.Single(p => p.Name == "killer").State);
    }

    [Fact]
    public void OomScoreAdjEvent_ChangesTheScore_AndSysctlIsInTheTimeline_NotInTheMachineHeader()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "p", ProcessOptions.Default, Nothing);
            b.At(S(2), Ms, e =>
            {
                e.OomScoreAdj(S(3), "p", -1000);
                e.Sysctl(S(4), "vm.swappiness", 10);
            });
        });
        var p = Assert.Single(result.Processes);
        Assert.Equal(-1000, p.OomScoreAdj);
        Assert.Equal(0, p.OomScore);
        Assert.Contains(result.Machine.Settings, kv => kv.Key == "swappiness" && kv.Value == "60");
        Assert.Contains(result.Timeline, e => e is TimelineEvent.Kernel k && k.Lines[0] == "sysctl vm.swappiness = 10");
    }

    [Fact]
    public void PressureBeyondRam_WithNoProcessToKill_PanicsTheKernel_AndSaysSo()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16UL << 20;
            b.At(S(2), Ms, e => e.Pressure(S(3), 32UL << 20));
        });
        Assert.Equal(RunOutcome.KernelPanic, result.Outcome);
        Assert.StartsWith("Out of memory and no killable processes", result.OutcomeMessage);
        var panic = result.Timeline.OfType<TimelineEvent.Kernel>().Last();
        Assert.Equal("Kernel panic - not syncing: Out of memory and no killable processes...", Assert.Single(panic.Lines));
    }

    [Fact]
    public void MachineSummary_DerivesWatermarksAsTheKernelDoes()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, Nothing));
        // 64 MiB: min_free_kbytes = int_sqrt(65536 * 16) = 1024 kB = 256 pages; tmp = 64.
        Assert.Equal((256L, 320L, 384L), (result.Machine.WatermarkMinPages, result.Machine.WatermarkLowPages, result.Machine.WatermarkHighPages));
        Assert.Contains(result.Machine.Settings, kv => kv.Key == "ram" && kv.Value == "64 MiB");
    }
}
