using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>munmap, mprotect and madvise want a page-aligned address (EINVAL otherwise) and round the length up.</summary>
public class UnalignedSyscallTests
{
    private const ulong K = 1024;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Calls(Proc p)
    {
        var m = p.Mmap(S(3, "m = mmap 16K"), 16 * K, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(4, "touch m"), m, AccessKind.Write, AccessPattern.Sequential, 1);
        var inside = p.Slice(S(5), m, 100, null);
        p.Munmap(S(5, "munmap m[100..]"), inside);
        p.Mprotect(S(6, "mprotect m[100..] none"), inside, Protection.None);
        p.Madvise(S(7, "madvise m[100..] dontneed"), inside, Advice.DontNeed);
        p.Expect(S(8), new Expectation.Field("p.VmRSS == 16K", "p", ProcessField.VmRSS, CompareOp.Eq, (long)(16 * K)));
        p.Munmap(S(9, "munmap m[..5000]"), p.Slice(S(9), m, null, 5000));
        p.Expect(S(10), new Expectation.Field("p.VmRSS == 8K", "p", ProcessField.VmRSS, CompareOp.Eq, (long)(8 * K)));
        yield return Op.Next;
    }

    [Fact]
    public void UnalignedAddress_FailsWithEinval_AndChangesNothing_LengthIsRoundedUpToPages()
    {
        var result = TestScenario.Run(b => b.Process(S(2), "p", ProcessOptions.Default, Calls));

        var rows = result.Timeline.OfType<TimelineEvent.Statement>().ToDictionary(s => s.Site.Line);
        Assert.Equal("EINVAL", rows[5].Detail);
        Assert.Equal("EINVAL", rows[6].Detail);
        Assert.Equal("EINVAL", rows[7].Detail);
        Assert.Equal(0, rows[5].RssDeltaKb + rows[6].RssDeltaKb + rows[7].RssDeltaKb);
        Assert.Equal("munmap 8 KiB", rows[9].Detail);
        Assert.All(result.Expectations, e => Assert.True(e.Passed, e.Text + ": " + e.Actual));
        Assert.Equal(ProcessState.Alive, result.Processes.Single().State);
    }
}
