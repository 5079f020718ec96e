using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

public class SchedulerTests
{
    private const long Ms = 1_000_000;

    private static (Scheduler, SimClock) NewScheduler(long quantum = Ms)
    {
        var clock = new SimClock();
        return (new Scheduler(clock, () => quantum), clock);
    }

    [Fact]
    public void TwoBusyProcesses_AlternateEveryQuantum_InPidOrder()
    {
        var (scheduler, clock) = NewScheduler();
        var b = new FakeTask(101, clock, 0, 3 * Ms);
        var a = new FakeTask(100, clock, 0, 3 * Ms);
        scheduler.Add(b);
        scheduler.Add(a);
        scheduler.Run();
        Assert.Equal(new[] { 0, 2 * Ms, 4 * Ms }, a.SliceStarts);
        Assert.Equal(new[] { 1 * Ms, 3 * Ms, 5 * Ms }, b.SliceStarts);
        Assert.Equal(6 * Ms, clock.NowNs);
    }

    [Fact]
    public void Sleep_LetsOthersRun_AndTheSleeperWakesOnTime()
    {
        var (scheduler, clock) = NewScheduler();
        var sleeper = new FakeTask(100, clock, 0, -5 * Ms, Ms);
        var worker = new FakeTask(101, clock, 0, 2 * Ms);
        scheduler.Add(sleeper);
        scheduler.Add(worker);
        scheduler.Run();
        Assert.Equal(new[] { 0, Ms }, worker.SliceStarts);
        Assert.Equal(new[] { 0, 5 * Ms }, sleeper.SliceStarts);
        Assert.Equal(6 * Ms, clock.NowNs);
    }

    [Fact]
    public void AtEvent_FiresAtTheFirstSliceBoundaryAfterItsTime()
    {
        var (scheduler, clock) = NewScheduler();
        scheduler.Add(new FakeTask(100, clock, 0, 5 * Ms));
        long firedAt = -1;
        scheduler.At(2 * Ms + Ms / 2, () => firedAt = clock.NowNs);
        scheduler.Run();
        Assert.Equal(3 * Ms, firedAt);
    }

    [Fact]
    public void AtEvent_WhenTheCpuIsIdle_JumpsTheClockToItsTime()
    {
        var (scheduler, clock) = NewScheduler();
        scheduler.Add(new FakeTask(100, clock, 0, Ms));
        long firedAt = -1;
        scheduler.At(10 * Ms, () => firedAt = clock.NowNs);
        scheduler.Run();
        Assert.Equal(10 * Ms, firedAt);
        Assert.Equal(10 * Ms, clock.NowNs);
    }

    [Fact]
    public void ProcessWithStartTime_FirstRunsAtThatTime()
    {
        var (scheduler, clock) = NewScheduler();
        var late = new FakeTask(100, clock, 4 * Ms, Ms);
        var early = new FakeTask(101, clock, 0, 2 * Ms);
        scheduler.Add(late);
        scheduler.Add(early);
        scheduler.Run();
        Assert.Equal(new[] { 4 * Ms }, late.SliceStarts);
        Assert.Equal(new[] { 0, Ms }, early.SliceStarts);
    }

    [Fact]
    public void EventsAtTheSameTime_FireInDeclarationOrder()
    {
        var (scheduler, _) = NewScheduler();
        var order = new List<int>();
        scheduler.At(Ms, () => order.Add(1));
        scheduler.At(Ms, () => order.Add(2));
        scheduler.At(0, () => order.Add(0));
        scheduler.Run();
        Assert.Equal(new[] { 0, 1, 2 }, order);
    }
}
