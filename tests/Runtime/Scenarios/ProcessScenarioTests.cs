using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class ProcessScenarioTests
{
    private const ulong K = 1024;
    private const long Ms = 1_000_000;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Nothing(Proc p)
    {
        yield break;
    }

    private static IEnumerable<Op> ForkAndWrite(Proc p)
    {
        var a = p.Malloc(S(2), 64 * K);
        yield return Op.Next;
        yield return p.Access(S(3), a, AccessKind.Write, AccessPattern.Sequential, 1);
        p.Fork(S(4), "child", ProcessOptions.Default, c => ChildWrites(c, a));
        yield return Op.Next;
    }

    private static IEnumerable<Op> ChildWrites(Proc c, Region a)
    {
        c.Expect(S(6), new Expectation.Field("child.VmRSS == 68K", "child", ProcessField.VmRSS, CompareOp.Eq, 68 * 1024));
        yield return Op.Next;
        yield return c.Access(S(7), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void ForkChild_SharesPagesCopyOnWrite_AndTakesOneFaultPerPageItWrites()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "parent", ProcessOptions.Default, ForkAndWrite));
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var parent = result.Processes.Single(p => p.Name == "parent");
        var child = result.Processes.Single(p => p.Name == "child");
        Assert.Equal(100, parent.Pid);
        Assert.Equal(101, child.Pid);
        Assert.Equal(17, child.MinFlt);
        Assert.Equal(68, child.VmRssKb);
        Assert.Equal(68, parent.VmRssKb);
        Assert.True(Assert.Single(result.Expectations).Passed);
    }

    private static IEnumerable<Op> ReadNull(Proc p)
    {
        yield return p.Access(S(7, "read b[0..4K]"), Region.Null, AccessKind.Read, AccessPattern.Sequential, 1);
        p.Note(S(8), "never reached");
        yield return Op.Next;
    }

    [Fact]
    public void AccessToNullRegion_KillsTheProcessWithSigsegv()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, ReadNull));
        var p = Assert.Single(result.Processes);
        Assert.Equal(ProcessState.Segfault, p.State);
        Assert.Equal(0, p.VmSizeKb);
        var kernel = result.Timeline.OfType<TimelineEvent.Kernel>().Last();
        Assert.Equal("SIGSEGV at 0x0 (SEGV_MAPERR): read of b[0..4K] at line 7", kernel.Lines[0]);
        Assert.DoesNotContain(result.Timeline, e => e is TimelineEvent.Note);
    }

    private static IEnumerable<Op> TouchPastMalloc(Proc p)
    {
        var a = p.Mmap(S(2), 8 * K, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3), p.Slice(S(3), a, 4 * K, 12 * K), AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void SliceOutsideTheRegion_IsAnInvalidAccess()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, TouchPastMalloc));
        Assert.Equal(ProcessState.Segfault, Assert.Single(result.Processes).State);
    }

    [Fact]
    public void TooSmallRam_OomKillsTheProcess_AndTheRunCompletes()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 1UL << 20;
            b.Machine.Overcommit = OvercommitMode.Always;
            b.Process(S(1), "p", ProcessOptions.Default, p => Touch(p, 4UL << 20));
        });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var p = Assert.Single(result.Processes);
        Assert.Equal(ProcessState.Killed, p.State);
        Assert.Equal(("p", p.Pid), (Assert.Single(result.OomKills).Victim, result.OomKills[0].Pid));
        Assert.Equal(1, result.Vmstat.Single(c => c.Name == "oom_kill").Value);
    }

    private static IEnumerable<Op> Touch(Proc p, ulong bytes)
    {
        var a = p.Mmap(S(2), bytes, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void TwoProcessesTouchingMemory_Interleave_ByQuantum()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.QuantumNs = 100_000;
            b.Process(S(1), "a", ProcessOptions.Default, p => Touch(p, 2UL << 20));
            b.Process(S(5), "b", ProcessOptions.Default, p => Touch(p, 2UL << 20));
        });
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var touches = result.Timeline.OfType<TimelineEvent.Statement>().Where(s => s.Site.Line == 3).ToList();
        Assert.Equal(2, touches.Count);
        // b's touch began while a's was still running: a was preempted at its quantum.
        var aTouch = touches.Single(t => t.Process == "a");
        var bTouch = touches.Single(t => t.Process == "b");
        Assert.True(bTouch.TimeNs < result.ElapsedNs / 2);
        Assert.True(aTouch.TimeNs < bTouch.TimeNs);
        Assert.All(result.Processes, p => Assert.Equal(512, p.MinFlt));
    }

    [Fact]
    public void Pids_AreAssignedInFileOrder_AndExplicitPidsAreRespected()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "a", ProcessOptions.Default, Nothing);
            b.Process(S(2), "b", ProcessOptions.Default with { Pid = 100 }, Nothing);
            b.Process(S(3), "c", ProcessOptions.Default, Nothing);
        });
        Assert.Equal(new[] { ("b", 100), ("a", 101), ("c", 102) }, result.Processes.Select(p => (p.Name, p.Pid)));
    }

    [Fact]
    public void AtEvent_TakesItsSnapshotAtItsTime_AndCanKill()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "p", ProcessOptions.Default, Nothing);
            b.At(S(5), 5 * Ms, e =>
            {
                e.Report(S(6), ReportKind.Top, null);
                e.Kill(S(7), "p");
            });
            b.Expect(S(9), new Expectation.State("p killed", "p", ProcessState.Killed));
        });
        var snapshot = result.Timeline.OfType<TimelineEvent.Snapshot>().Single();
        Assert.Equal("top", snapshot.Title);
        Assert.Equal(5 * Ms, snapshot.TimeNs);
        Assert.Contains(snapshot.Lines, l => l.Contains(" p"));
        Assert.Equal(5 * Ms, result.ElapsedNs);
        Assert.True(result.Passed);
    }

    [Fact]
    public void IdleProcess_HasOomScore666_AndAdj500MakesItLarger()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "idle", ProcessOptions.Default, Nothing);
            b.Process(S(2), "adj", ProcessOptions.Default with { OomScoreAdj = 500 }, Nothing);
        });
        Assert.Equal(666, result.Processes.Single(p => p.Name == "idle").OomScore);
        Assert.True(result.Processes.Single(p => p.Name == "adj").OomScore > 900);
    }

    [Fact]
    public void Expectations_ReportActualAndExpected_AndAFailureFailsTheRun()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "p", ProcessOptions.Default, p => Touch(p, 64 * K));
            b.Expect(S(5), new Expectation.Field("p.minflt == 16", "p", ProcessField.minflt, CompareOp.Eq, 16));
            b.Expect(S(6), new Expectation.Field("p.VmRSS == 64K", "p", ProcessField.VmRSS, CompareOp.Eq, 64 * 1024));
            b.Expect(S(7), new Expectation.Field("p.VmRSS == 60K", "p", ProcessField.VmRSS, CompareOp.Eq, 60 * 1024));
        });
        Assert.Equal(new[] { true, true, false }, result.Expectations.Select(e => e.Passed));
        Assert.Equal("64 kB", result.Expectations[2].Actual);
        Assert.Equal("== 60 kB", result.Expectations[2].Expected);
        Assert.Equal("16", result.Expectations[0].Actual);
        Assert.False(result.Passed);
    }

    private static IEnumerable<Op> SleepThenNote(Proc p)
    {
        yield return p.Sleep(S(2), 3 * Ms);
        p.Note(S(3), "awake");
        yield return Op.Next;
    }

    [Fact]
    public void Sleep_DelaysTheRestOfTheBody()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default with { StartNs = Ms }, SleepThenNote));
        Assert.Equal(4 * Ms, result.Timeline.OfType<TimelineEvent.Note>().Single().TimeNs);
    }
}
