using System.Globalization;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>An access to a slice that runs past its region touches the pages inside, then faults at the first address outside.</summary>
public class OutOfBoundsSliceTests
{
    private const ulong K = 1024;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static ulong _start;

    private static IEnumerable<Op> WriteSlice(Proc p, ulong? from, ulong? to, string text)
    {
        var b = p.Mmap(S(3, "b = mmap 512K"), 512 * K, MmapFlags.None);
        _start = b.Start;
        yield return Op.Next;
        yield return p.Access(S(4, text), p.Slice(S(4), b, from, to), AccessKind.Write, AccessPattern.Sequential, 1);
    }

    private static (TimelineEvent.Statement Row, TimelineEvent.Kernel Kill, ulong Start) Run(ulong? from, ulong? to, string text)
    {
        ulong start = 0;
        var result = TestScenario.Run(b => b.Process(S(2), "web", ProcessOptions.Default, p =>
        {
            var body = WriteSlice(p, from, to, text);
            return Capture(body, () => start = _start);
        }));
        Assert.Equal(ProcessState.Segfault, result.Processes.Single().State);
        var row = result.Timeline.OfType<TimelineEvent.Statement>().Single(s => s.Site.Line == 4);
        var kill = result.Timeline.OfType<TimelineEvent.Kernel>().Single(k => k.Site.Line == 4);
        return (row, kill, start);
    }

    private static IEnumerable<Op> Capture(IEnumerable<Op> body, Action after)
    {
        foreach (var op in body)
        {
            after();
            yield return op;
        }
    }

    private static string Hex(ulong a) => "0x" + a.ToString("x", CultureInfo.InvariantCulture);

    [Fact]
    public void SlicePastTheEnd_TouchesThePagesInside_ThenFaultsAtTheFirstAddressPastTheRegion()
    {
        var (row, kill, start) = Run(null, 768 * K, "write b[..768K]");

        Assert.Equal(128, row.MinFlt);
        Assert.Equal(512, row.RssDeltaKb);
        Assert.Equal("SIGSEGV", row.Detail);
        Assert.Equal($"SIGSEGV at {Hex(start + 512 * K)} (range outside b: b[..768K] on 512 KiB)", kill.Lines[0]);
    }

    [Fact]
    public void SliceWhollyOutside_FaultsAtItsFirstAddress_WithoutTouchingAnything()
    {
        var (row, kill, start) = Run(600 * K, 700 * K, "write b[600K..700K]");

        Assert.Equal(0, row.MinFlt);
        Assert.Equal($"SIGSEGV at {Hex(start + 600 * K)} (range outside b: b[600K..700K] on 512 KiB)", kill.Lines[0]);
    }
}
