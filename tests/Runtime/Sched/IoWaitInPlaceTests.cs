using MemScript.Runtime;
using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>
/// A major fault's I/O wait is not CPU time, whether the process blocks for
/// it or (alone on the CPU) spends it in place; and it is spent in place only
/// when nothing else could run or happen meanwhile.
/// </summary>
public sealed class IoWaitInPlaceTests
{
    private static IEnumerable<Op> ReadCold(Proc p, Region region)
    {
        yield return p.Access(new Site(2, 1, "read f"), region, AccessKind.Read, AccessPattern.Sequential, 1);
    }

    private static (SimSystem System, ProcessTask Reader) ReaderOfColdFile(bool withNeighbour)
    {
        var machine = new MachineSettings { Readahead = 0, FaultAround = 0 };
        var system = new SimSystem(machine, new MemScript.Runtime.Mm.Kernel(machine));
        system.Files["f"] = (system.Kernel.CreateFile("f", 256 * 4096, cached: false, dirty: false), 256 * 4096);
        ProcessTask? reader = null;
        reader = new ProcessTask(system, system.AllocatePid(null), "reader", ProcessOptions.Default, p =>
        {
            var region = p.MmapFile(new Site(1, 1, "m = mmap file"), "f", MmapFlags.None, null, null);
            return ReadCold(p, region);
        });
        system.AddProcess(reader);
        if (withNeighbour)
            system.AddProcess(new ProcessTask(system, system.AllocatePid(null), "sleeper", ProcessOptions.Default, p => SleepLong()));
        return (system, reader);
    }

    private static IEnumerable<Op> SleepLong()
    {
        yield return new SleepOp(5_000_000);
    }

    [Fact]
    public void AloneOnTheCpu_TheWaitsPassButAreNotCpuTime()
    {
        var (system, reader) = ReaderOfColdFile(withNeighbour: false);

        system.Scheduler.Run();

        Assert.Equal(256, reader.Status().MajFlt);
        Assert.True(system.Now >= 256 * 80_000, $"end {system.Now} ns");
        Assert.True(reader.CpuTimeNs < 256 * 80_000 / 10, $"cpu {reader.CpuTimeNs} ns");
    }

    [Fact]
    public void WithASleeperDueMeanwhile_TheSameFaultsAndEndTime()
    {
        var (alone, aloneReader) = ReaderOfColdFile(withNeighbour: false);
        alone.Scheduler.Run();
        var (shared, sharedReader) = ReaderOfColdFile(withNeighbour: true);
        shared.Scheduler.Run();

        Assert.Equal(aloneReader.Status().MajFlt, sharedReader.Status().MajFlt);
        Assert.True(sharedReader.CpuTimeNs < 256 * 80_000 / 10, $"cpu {sharedReader.CpuTimeNs} ns");
    }
}
