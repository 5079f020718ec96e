using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class MallocScenarioTests
{
    private const ulong K = 1024;

    private static IEnumerable<Op> MallocAndTouch(Proc p, ulong size)
    {
        var a = p.Malloc(TestScenario.At(3, $"a = malloc {size}"), size);
        yield return Op.Next;
        yield return p.Access(TestScenario.At(4, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    private static IEnumerable<Op> Nothing(Proc p)
    {
        yield break;
    }

    private static ProcessSummary Single(SimulationResult result)
    {
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        return Assert.Single(result.Processes);
    }

    [Fact]
    public void Malloc64K_Costs17MinorFaults_WhenTouched()
    {
        var baseline = Single(TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, Nothing)));
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, p => MallocAndTouch(p, 64 * K)));
        var p = Single(result);
        Assert.Equal(17, p.MinFlt);
        Assert.Equal(68, p.VmRssKb);
        Assert.Equal(132, p.VmSizeKb - baseline.VmSizeKb);
        Assert.Equal(132, p.VmDataKb - baseline.VmDataKb);
        var statements = result.Timeline.OfType<TimelineEvent.Statement>().ToList();
        Assert.Equal(2, statements[0].MinFlt);
        Assert.Equal(8, statements[0].RssDeltaKb);
        Assert.Equal("brk +132 KiB", statements[0].Detail);
        Assert.Equal(15, statements[1].MinFlt);
        Assert.Equal(60, statements[1].RssDeltaKb);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Malloc1M_MapsItsOwn1028KiB_AndCosts257FaultsWhenTouched()
    {
        var baseline = Single(TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, Nothing)));
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, p => MallocAndTouch(p, 1024 * K)));
        var p = Single(result);
        var statements = result.Timeline.OfType<TimelineEvent.Statement>().ToList();
        Assert.Contains("mmap 1028 KiB", statements[0].Detail);
        // The tcache chunk's heap (132 KiB) plus the 1 MiB block's own mapping.
        Assert.Equal(132 + 1028, p.VmSizeKb - baseline.VmSizeKb);
        // The tcache's heap page, the block's header page, then 256 more by the touch: 257 for the block.
        Assert.Equal(2, statements[0].MinFlt);
        Assert.Equal(256, statements[1].MinFlt);
        Assert.Equal(1 + 257, p.MinFlt);
    }

    private static IEnumerable<Op> MallocTouchRealloc(Proc p)
    {
        var a = p.Malloc(TestScenario.At(2), 1024 * K);
        yield return Op.Next;
        yield return p.Access(TestScenario.At(3, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
        a = p.Realloc(TestScenario.At(4, "a = realloc a 2M"), a, 2048 * K);
        yield return Op.Next;
        yield return p.Access(TestScenario.At(5, "read a[..1M]"), p.Slice(TestScenario.At(5), a, null, 1024 * K), AccessKind.Read, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void Realloc1MTo2M_MovesThePagesWithMremap_NoFault_RssUnchanged()
    {
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, MallocTouchRealloc));
        var statements = result.Timeline.OfType<TimelineEvent.Statement>().ToList();

        Assert.StartsWith("mremap 1028 KiB -> 2052 KiB", statements[2].Detail);
        Assert.Equal(0, statements[2].MinFlt);
        Assert.Equal(0, statements[2].RssDeltaKb);
        Assert.Equal(0, statements[3].MinFlt);   // the moved contents are read without a fault
        Assert.True(result.Passed);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
    }

    private static IEnumerable<Op> MallocFreeMalloc(Proc p)
    {
        var a = p.Malloc(TestScenario.At(2), 1024 * K);
        yield return Op.Next;
        p.Free(TestScenario.At(3), a);
        yield return Op.Next;
        p.Malloc(TestScenario.At(4), 1024 * K);
        yield return Op.Next;
    }

    [Fact]
    public void FreeOf1MBlock_RaisesThreshold_SoTheNextComesFromTheBrkHeap()
    {
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, MallocFreeMalloc));
        var details = result.Timeline.OfType<TimelineEvent.Statement>().Select(s => s.Detail).ToList();
        Assert.Contains("mmap 1028 KiB", details[0]);
        Assert.Equal("munmap 1028 KiB", details[1]);
        Assert.StartsWith("brk +", details[2]);
    }

    private static IEnumerable<Op> MallocAfterHeapMadeReadOnly(Proc p)
    {
        p.Malloc(TestScenario.At(2, "a = malloc 100"), 100);
        yield return Op.Next;
        p.Mprotect(TestScenario.At(3, "mprotect heap read"), p.Heap, Protection.Read);
        yield return Op.Next;
        p.Malloc(TestScenario.At(4, "b = malloc 100"), 100);
        yield return Op.Next;
        p.Note(TestScenario.At(5), "never reached");
        yield return Op.Next;
    }

    [Fact]
    public void MallocAfterMprotectHeapRead_KillsTheProcessWithSigsegv()
    {
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, MallocAfterHeapMadeReadOnly));
        var p = Assert.Single(result.Processes);
        Assert.Equal(ProcessState.Segfault, p.State);
        var kernel = result.Timeline.OfType<TimelineEvent.Kernel>().Last();
        Assert.StartsWith("SIGSEGV at 0x", kernel.Lines[0]);
        Assert.Contains("(SEGV_ACCERR): write in malloc at line 4", kernel.Lines[0]);
        Assert.DoesNotContain(result.Timeline, e => e is TimelineEvent.Note);
    }
}
