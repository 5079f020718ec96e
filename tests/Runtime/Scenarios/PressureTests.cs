using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary><c>pressure SIZE</c> takes frames from RAM as kernel memory; <c>release</c> gives them back.</summary>
public class PressureTests
{
    private const ulong M = 1024 * 1024;
    private const long Ms = 1_000_000;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static long MemFreeKb(SimulationResult r) => r.Meminfo.Single(c => c.Name == "MemFree").Value;

    [Fact]
    public void Pressure_LowersMemFreeByWhatItPins_AndFramesStayConserved()
    {
        var idle = TestScenario.Run(b => b.At(S(2), Ms, e => e.Note(S(3), "nothing")));
        var pressed = TestScenario.Run(b => b.At(S(2), Ms, e => e.Pressure(S(3), 32 * M)));

        Assert.Equal(RunOutcome.Completed, pressed.Outcome);
        // 32 MiB pinned, plus what the last per-CPU list refill left on the list (out of MemFree):
        // at most DMA32's high_min, 240 pages, on this 64 MiB machine.
        Assert.InRange(MemFreeKb(idle) - MemFreeKb(pressed), 32 * 1024, (32 * 1024) + 960);
        Assert.All(pressed.SelfChecks, c => Assert.True(c.Ok, c.Detail));
    }

    [Fact]
    public void Release_GivesThePinnedFramesBack()
    {
        var idle = TestScenario.Run(b => b.At(S(2), Ms, e => e.Note(S(3), "nothing")));
        var released = TestScenario.Run(b =>
        {
            b.At(S(2), Ms, e => e.Pressure(S(3), 32 * M));
            b.At(S(4), 2 * Ms, e =>
            {
                e.Expect(S(5), new Expectation.Meminfo("MemFree < 33M", MeminfoField.MemFree, CompareOp.Lt, (long)(33 * M)));
                e.Release(S(6), 16 * M);
            });
        });

        Assert.InRange(MemFreeKb(idle) - MemFreeKb(released), 16 * 1024, (16 * 1024) + 960);   // the per-CPU list keeps up to 240 pages of the release
        Assert.True(Assert.Single(released.Expectations).Passed);
    }

    [Fact]
    public void PressureBeyondFreeMemory_WithNothingToReclaimOrKill_PanicsTheKernel()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * M;
            b.At(S(2), Ms, e => e.Pressure(S(3), 8 * M));
            b.At(S(4), 2 * Ms, e => e.Pressure(S(5), 16 * M));
        });
        Assert.Equal(RunOutcome.KernelPanic, result.Outcome);
    }
}
