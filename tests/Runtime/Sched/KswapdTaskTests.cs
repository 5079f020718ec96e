using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>kswapd0's wake/sleep lines and its work, over a fake kernel that frees pages per batch.</summary>
public class KswapdTaskTests
{
    /// <summary>Free memory that kswapd raises by <see cref="PerBatch"/> pages a batch until high; below low it is wanted.</summary>
    private sealed class FakeKernel : IKswapdKernel
    {
        public long Free { get; set; }
        public int PerBatch { get; set; } = 32;
        public bool WantedFlag { get; set; }
        public int Batches { get; private set; }

        public bool Wanted => WantedFlag;

        public KswapdBatch ReclaimBatch()
        {
            Batches++;
            Free += PerBatch;
            if (Free >= Watermarks.High || PerBatch == 0)
                WantedFlag = false;
            return new KswapdBatch(PerBatch, 64, 1_000);
        }

        public long FreePages => Free;

        public (long Min, long Low, long High) Watermarks => (256, 320, 384);

        public ulong PageSize => 4096;
    }

    private static (SimSystem System, KswapdTask Task) Make(FakeKernel fake)
    {
        var machine = new MachineSettings();
        var system = new SimSystem(machine, new Kernel(machine));
        return (system, new KswapdTask(system, fake));
    }

    private static List<string> Lines(SimSystem system) =>
        system.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines).ToList();

    [Fact]
    public void Wakes_ReclaimsToHigh_ThenSleeps_SayingSo()
    {
        var fake = new FakeKernel { Free = 300, WantedFlag = true };
        var (system, task) = Make(fake);

        Assert.Equal(TaskRunState.Runnable, task.RunState);
        task.RunSlice(long.MaxValue);

        Assert.Equal(TaskRunState.Idle, task.RunState);
        Assert.Equal(["kswapd0 wakes: free 1200 kB < low 1280 kB", "kswapd0 sleeps: free 1584 kB >= high 1536 kB; reclaimed 96 pages, scanned 192"], Lines(system));
        Assert.Equal(3_000, system.Now);
    }

    [Fact]
    public void SliceEnd_StopsTheWork_AndTheNextSliceGoesOn()
    {
        var fake = new FakeKernel { Free = 300, WantedFlag = true };
        var (system, task) = Make(fake);

        task.RunSlice(1_500);
        Assert.Equal(2, fake.Batches);
        Assert.Equal(TaskRunState.Runnable, task.RunState);
        task.RunSlice(long.MaxValue);

        Assert.Equal(2, Lines(system).Count);
        Assert.Equal(1, task.Wakes);
    }

    [Fact]
    public void NoProgress_GivesUp()
    {
        var fake = new FakeKernel { Free = 300, WantedFlag = true, PerBatch = 0 };
        var (system, task) = Make(fake);

        task.RunSlice(long.MaxValue);

        Assert.StartsWith("kswapd0 gives up: no progress", Lines(system)[^1]);
    }

    [Fact]
    public void AfterEightPairs_TheRestAreCountedInOneRow()
    {
        var fake = new FakeKernel();
        var (system, task) = Make(fake);
        for (var i = 0; i < 11; i++)
        {
            fake.Free = 300;
            fake.WantedFlag = true;
            task.RunSlice(long.MaxValue);
        }
        task.Summarize();

        var lines = Lines(system);
        Assert.Equal(17, lines.Count);
        Assert.Equal("kswapd0 woke 3 more times (not listed): reclaimed 288 pages, scanned 576", lines[^1]);
    }

    [Fact]
    public void NotWanted_IsNotRunnable()
    {
        var (_, task) = Make(new FakeKernel());
        Assert.Equal(TaskRunState.Idle, task.RunState);
        Assert.Equal(0, task.Pid);
    }

    [Fact]
    public void WokenWhenAlreadyBalanced_SleepsAgain_WithoutALine()
    {
        var fake = new FakeKernel { Free = 500, WantedFlag = true };
        var (system, task) = Make(fake);

        task.RunSlice(long.MaxValue);

        Assert.Empty(Lines(system));
        Assert.Equal(0, task.Wakes);
        Assert.Equal(TaskRunState.Idle, task.RunState);
    }

    [Fact]
    public void NodeOnesKswapd_IsKswapd1_InItsLines()
    {
        var fake = new FakeKernel { Free = 300, WantedFlag = true };
        var machine = new MachineSettings();
        var system = new SimSystem(machine, new Kernel(machine));
        var task = new KswapdTask(system, fake, 1);

        task.RunSlice(long.MaxValue);

        Assert.Equal("kswapd1", task.Name);
        Assert.Equal(["kswapd1 wakes: free 1200 kB < low 1280 kB", "kswapd1 sleeps: free 1584 kB >= high 1536 kB; reclaimed 96 pages, scanned 192"], Lines(system));
    }
}
