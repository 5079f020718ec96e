using System.Globalization;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

public class TimingScenarioTests
{
    private const long Us = 1_000;
    private const long Ms = 1_000_000;
    private const ulong M = 1UL << 20;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Touch(Proc p, ulong size)
    {
        var m = p.Mmap(S(2), size, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(3), m, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    private static long VmRssKb(TimelineEvent.Snapshot snapshot)
    {
        var line = snapshot.Lines.Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "").Trim(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void AtEvent_InsideALongQuantum_SnapshotsOnTime()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 256 * M;
            b.Machine.QuantumNs = 10 * Ms;
            b.Process(S(1), "a", ProcessOptions.Default, p => Touch(p, 64 * M));
            b.At(S(4), Ms, e => e.Report(S(5), ReportKind.Status, "a"));
        });
        var snapshot = Assert.Single(result.Timeline.OfType<TimelineEvent.Snapshot>());
        Assert.InRange(snapshot.TimeNs, Ms, Ms + 10 * Us);
        // 1 ms of 1.6 us write faults: about 625 pages.
        Assert.InRange(VmRssKb(snapshot), 2000, 2800);
    }
}
