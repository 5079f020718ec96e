using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class FailureScenarioTests
{
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> DoubleFree(Proc p)
    {
        var a = p.Malloc(S(2), 100);
        yield return Op.Next;
        p.Free(S(3), a);
        yield return Op.Next;
        p.Free(S(4), a);
        yield return Op.Next;
        p.Note(S(5), "never reached");
        yield return Op.Next;
    }

    [Fact]
    public void DoubleFree_AbortsTheProcess()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, DoubleFree));
        Assert.Equal(ProcessState.Killed, Assert.Single(result.Processes).State);
        Assert.Contains(result.Timeline.OfType<TimelineEvent.Kernel>(), k => k.Lines.Contains("free(): double free detected"));
        Assert.DoesNotContain(result.Timeline, e => e is TimelineEvent.Note);
    }

    private static IEnumerable<Op> Throws(Proc p)
    {
        yield return Op.Next;
        throw new InvalidOperationException("boom");
    }

    [Fact]
    public void ExceptionInsideTheRun_BecomesInternalError_AndDoesNotEscape()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, Throws));
        Assert.Equal(RunOutcome.InternalError, result.Outcome);
        Assert.Contains("boom", result.OutcomeMessage);
        Assert.Single(result.Processes);
    }

    private static IEnumerable<Op> TouchStack(Proc p)
    {
        var top = p.Slice(S(2), p.Stack, null, 1UL << 20);
        yield return p.Access(S(2, "touch stack[..1M]"), top, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void TouchingTheTopMegabyteOfTheStack_GrowsIt_OneFaultPerPage()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, TouchStack));
        var p = Assert.Single(result.Processes);
        Assert.Equal(ProcessState.Alive, p.State);
        Assert.Equal(256, p.MinFlt);
        Assert.Equal(1024, p.VmStkKb);
    }

    private static IEnumerable<Op> HugeMmap(Proc p)
    {
        var a = p.Mmap(S(2), 2UL << 20, MmapFlags.Huge);
        yield return Op.Next;
        yield return p.Access(S(3), a, AccessKind.Read, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void HugeMmap_FailsWithEnomem_AndUsingItSegfaults()
    {
        var result = TestScenario.Run(b => b.Process(S(1), "p", ProcessOptions.Default, HugeMmap));
        var first = result.Timeline.OfType<TimelineEvent.Statement>().First();
        Assert.StartsWith("ENOMEM", first.Detail);
        Assert.Equal(ProcessState.Segfault, Assert.Single(result.Processes).State);
    }
}
