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

    private static IEnumerable<Op> ReadColdFileRandomly(Proc p)
    {
        var f = p.MmapFile(S(2), "data.bin", MmapFlags.None, null, null);
        yield return Op.Next;
        p.Madvise(S(3), f, Advice.Random);
        yield return Op.Next;
        yield return p.Access(S(4), f, AccessKind.Read, AccessPattern.Sequential, 1);
    }

    private static SimulationResult RunReaderAndToucher(bool withToucher) => TestScenario.Run(b =>
    {
        b.Machine.Ram = 256 * M;
        b.File(S(1), "data.bin", 4 * M, cached: false, dirty: false);
        b.Process(S(2), "a", ProcessOptions.Default, ReadColdFileRandomly);
        if (withToucher)
            b.Process(S(5), "b", ProcessOptions.Default, p => Touch(p, 16 * M));
    });

    [Fact]
    public void MajorFaultWaits_LetAnotherProcessRun_SoBothFinishInTheReadersTime()
    {
        var alone = RunReaderAndToucher(withToucher: false);
        var both = RunReaderAndToucher(withToucher: true);

        var reader = both.Processes.Single(p => p.Name == "a");
        Assert.Equal(1024, reader.MajFlt);
        // 1024 reads of 80 us: about 82 ms, whether or not b runs meanwhile (b needs ~6.6 ms of CPU).
        Assert.InRange(alone.ElapsedNs, 81 * Ms, 83 * Ms);
        Assert.InRange(both.ElapsedNs, alone.ElapsedNs, alone.ElapsedNs + Ms / 2);
        Assert.Equal(4096, both.Processes.Single(p => p.Name == "b").MinFlt);
    }
}
