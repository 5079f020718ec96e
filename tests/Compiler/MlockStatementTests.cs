using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// <c>mlock</c>/<c>munlock</c> from the .mems text to the report (Linux 6.18's
/// figures, docs/probes/mlock.c), and a stack driven past <c>limit stack</c> at
/// run time (docs/probes/stack.c).
/// </summary>
public sealed class MlockStatementTests
{
    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("lock.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    private static TimelineEvent.Statement Row(SimulationResult r, int line) =>
        r.Timeline.OfType<TimelineEvent.Statement>().Single(s => s.Site.Line == line);

    [Fact]
    public void Mlock_FaultsTheRangeIn_AndTheExpectsSeeVmLckAndMlocked()
    {
        var r = Run("""
            process p {
              a = mmap 1M
              mlock a[..512K]
              expect p.VmLck == 512K
              expect meminfo.Mlocked == 512K
              expect meminfo.Unevictable == 512K
              munlock a
              expect p.VmLck == 0
              expect meminfo.Mlocked == 0
            }
            """);

        Assert.Equal(128, Row(r, 3).MinFlt);
        Assert.Equal(512, Row(r, 3).RssDeltaKb);
        Assert.All(r.Expectations, e => Assert.True(e.Passed, e.Text + ": " + e.Actual));
        Assert.Equal(5, r.Expectations.Count);
        Assert.Equal(0, r.Processes.Single().VmLckKb);
    }

    [Fact]
    public void Mlock_ByANonRootUser_Past8MiB_IsEnomem()
    {
        var r = Run("""
            process p (user "www") {
              a = mmap 16M
              mlock a
            }
            """);

        Assert.Equal("ENOMEM", Row(r, 3).Detail);
        Assert.Equal(0, Row(r, 3).MinFlt);
    }

    [Fact]
    public void MadviseDontneed_OnLockedMemory_IsEinval()
    {
        var r = Run("""
            process p {
              a = mmap 64K
              mlock a
              madvise a dontneed
              expect p.VmRSS == 64K
            }
            """);

        Assert.Equal("EINVAL", Row(r, 4).Detail);
        Assert.True(r.Expectations.Single().Passed);
    }

    [Fact]
    public void StackPagesPastTheLimit_AreSegvMaperr_WhereTheKernelRefusesTheGrowth()
    {
        var r = Run("""
            process p (limit stack 64K) {
              write stack pages 0, 15, 16
            }
            """);

        var p = r.Processes.Single();
        Assert.Equal(ProcessState.Segfault, p.State);
        Assert.Equal(2, p.MinFlt);
        Assert.Equal(0, p.VmRssKb);
        var kill = r.Timeline.OfType<TimelineEvent.Kernel>().Single(k => k.Site.Line == 2);
        Assert.Equal("SIGSEGV at 0x7ffffffeefff (SEGV_MAPERR): write of stack pages 0, 15, 16 at line 2", kill.Lines[0]);
    }

    [Fact]
    public void StackGrowth_RefusedByLimitAs_IsSegvMaperr_AfterThePagesThatFit()
    {
        var r = Run("""
            process p (limit stack 1M, limit as 600K) {
              touch stack[..1M]
            }
            """);

        Assert.Equal(ProcessState.Segfault, r.Processes.Single().State);
        Assert.Equal(130, Row(r, 2).MinFlt);   // 212 KiB at start, 388 KiB more fit: the stack reaches 520 KiB
        var kill = r.Timeline.OfType<TimelineEvent.Kernel>().Single(k => k.Site.Line == 2);
        Assert.StartsWith("SIGSEGV at 0x7ffffff7c000 (SEGV_MAPERR)", kill.Lines[0]);
    }
}
