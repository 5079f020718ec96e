using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>
/// Values at the edge of 64 bits never wrap: simulated time saturates at
/// 2^63-1 ns, so a sleeper due past the end never wakes early and the clock
/// never goes backwards; strides and glibc's sums near 2^64 stay in range.
/// </summary>
public class EdgeOfTimeTests
{
    private const long EndOfTime = long.MaxValue;

    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("edge.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    private static IReadOnlyList<string> Notes(SimulationResult result) =>
        result.Timeline.OfType<TimelineEvent.Note>().Select(n => n.Text).ToList();

    private static void AssertClockNeverGoesBack(SimulationResult result)
    {
        var last = 0L;
        foreach (var e in result.Timeline)
        {
            Assert.InRange(e.TimeNs, last, EndOfTime);
            last = e.TimeNs;
        }

        Assert.InRange(result.ElapsedNs, last, EndOfTime);
    }

    [Fact]
    public void SleepOf2Pow63Minus1_NeverWakes_AndTheOtherProcessRuns()
    {
        var result = Run("process p {\n  sleep 9223372036854775807ns\n  note \"woke\"\n}\nprocess q {\n  a = mmap 4K\n  touch a\n  note \"q done\"\n}\n");

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(["q done"], Notes(result));
        Assert.Equal(1, result.Processes.Single(p => p.Name == "q").MinFlt);
        AssertClockNeverGoesBack(result);
    }

    [Fact]
    public void SecondSleepPastTheEnd_NeverWakesEarly()
    {
        // 9223372036 s twice is past 2^63-1 ns: the sum would wrap to a time before now.
        var result = Run("process p {\n  sleep 9223372036s\n  note \"first\"\n  sleep 9223372036s\n  note \"second\"\n}\n");

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(["first"], Notes(result));
        Assert.Equal(9_223_372_036_000_000_000L, result.ElapsedNs);
        AssertClockNeverGoesBack(result);
    }

    [Fact]
    public void QuantumOfCenturies_RunsEachProcessToItsEnd()
    {
        var result = Run("machine { quantum 9223372036854775807ns }\nprocess p {\n  a = mmap 8K\n  touch a\n  note \"p\"\n}\nprocess q {\n  a = mmap 8K\n  touch a\n  note \"q\"\n}\n");

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(["p", "q"], Notes(result));
        AssertClockNeverGoesBack(result);
    }

    [Fact]
    public void WorkThatReachesTheEndOfTime_StopsAtTheWorkLimit_WithTheClockAtTheEnd()
    {
        var result = Run("process p (start 9223372036854775806ns) {\n  a = mmap 64K\n  touch a\n  note \"never\"\n}\n");

        Assert.Equal(RunOutcome.WorkLimit, result.Outcome);
        Assert.Contains("simulated clock reached its end", result.OutcomeMessage);
        Assert.DoesNotContain("never", Notes(result));
        Assert.Equal(EndOfTime, result.ElapsedNs);
        AssertClockNeverGoesBack(result);
    }

    [Fact]
    public void StrideOf2Pow64Minus1_MakesItsOneAccess()
    {
        var result = Run("process p {\n  a = mmap 1M\n  write a stride 18446744073709551615\n  write a[4K..] stride 18446744073709551615\n}\n");

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.Processes.Single().MinFlt);
    }

    [Fact]
    public void TopPadNear2Pow64_MallocStillWorks()
    {
        var result = Run("machine { top_pad 18446744073709547520 }\nprocess p {\n  a = malloc 1K\n  touch a\n  expect p alive\n}\n");

        Assert.True(result.Passed, result.OutcomeMessage);
        Assert.Equal(ProcessState.Alive, result.Processes.Single().State);
        Assert.True(result.Processes.Single().MinFlt >= 1);
    }

    [Fact]
    public void PressureOf2Pow64Minus1_AsksForEveryPage_NotForNone()
    {
        // Rounding 2^64-1 bytes up to pages used to wrap to 0 pages: nothing pinned, no pressure.
        var result = Run("process p { sleep 1ms }\nat 0ms { pressure 18446744073709551615 }\n");

        Assert.Equal(RunOutcome.KernelPanic, result.Outcome);
        Assert.Equal(0, result.ElapsedNs);
    }
}
