using MemScript.Runtime;
using static MemScript.Tests.Runtime.Traces.TraceFixtures;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// <c>reclaim opt</c>'s recording pass runs with the swap moved into RAM
/// where no process can tell, and the user only ever sees the declared
/// machine: the replay's faults are Belady's, and a recording pass that stops
/// is run again on the declared machine, whose run is the one reported.
/// </summary>
public sealed class OptRecordingMachineTests
{
    private static MachineSettings Machine(ulong ramMiB, ulong swapMiB) => new() { Ram = ramMiB << 20, Swap = swapMiB << 20 };

    [Fact]
    public void TheSwapMovesIntoRam_AndTheThreadLimitStaysTheDeclaredRams()
    {
        var declared = Machine(64, 192);
        var larger = RecordingMachine.Of(declared)!;

        Assert.Equal(256UL << 20, larger.Ram);
        Assert.Equal(0UL, larger.Swap);
        Assert.Equal(declared.EffectiveThreadsMax, larger.EffectiveThreadsMax);
        Assert.Equal(64UL << 20, declared.Ram);   // a copy: the declared machine is unchanged
        Assert.Equal(192UL << 20, declared.Swap);
    }

    [Fact]
    public void MachinesWhereRamShowsStayAsDeclared()
    {
        Assert.Null(RecordingMachine.Of(Machine(64, 0)));
        var numa = Machine(64, 64);
        numa.NumaNodes = 2;
        Assert.Null(RecordingMachine.Of(numa));
        var i386 = Machine(64, 64);
        i386.Layout = "i386";
        Assert.Null(RecordingMachine.Of(i386));
        var strict = Machine(64, 64);
        strict.Overcommit = OvercommitMode.Never;
        Assert.Null(RecordingMachine.Of(strict));
        var huge = new MachineSettings { Ram = 3UL << 40, Swap = 3UL << 40 };
        Assert.Null(RecordingMachine.Of(huge));   // past the 4 TiB the runtime models
    }

    [Fact]
    public void ARecordingPassThatStops_IsRunAgainOnTheDeclaredMachine()
    {
        // 40 pages twice through 4 frames, then a bad line: on the declared
        // machine the second loop swaps in (the larger one would not).
        var folder = NewFolder();
        var pages = Enumerable.Range(0, 40).Concat(Enumerable.Range(0, 40)).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(folder, "r.txt"), string.Join("\n", pages) + "\nbad\n");
        var opt = Run(folder, Textbook("opt", 4, 64, "trace \"r.txt\""));
        var lru = Run(folder, Textbook("lru", 4, 64, "trace \"r.txt\""));

        Assert.Equal(RunOutcome.TraceError, opt.Outcome);
        Assert.Equal(lru.Meminfo.Single(c => c.Name == "MemTotal"), opt.Meminfo.Single(c => c.Name == "MemTotal"));
        Assert.Equal(lru.Machine.Settings.Single(s => s.Key == "ram"), opt.Machine.Settings.Single(s => s.Key == "ram"));
        Assert.True(Assert.Single(opt.Processes).MajFlt > 0);
    }
}
