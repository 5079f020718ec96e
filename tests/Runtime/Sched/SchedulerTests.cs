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
    public void AtEvent_CutsTheSlice_AndFiresOnTime()
    {
        var (scheduler, clock) = NewScheduler(quantum: 10 * Ms);
        var task = new FakeTask(100, clock, 0, 5 * Ms);
        scheduler.Add(task);
        long firedAt = -1;
        scheduler.At(2 * Ms + Ms / 2, () => firedAt = clock.NowNs);
        scheduler.Run();
        Assert.Equal(2 * Ms + Ms / 2, firedAt);
        Assert.Equal(5 * Ms, clock.NowNs);
    }

    [Fact]
    public void AtEvent_InTheMiddleOfATurn_LetsTheRunningTaskFinishItsQuantum()
    {
        var (scheduler, clock) = NewScheduler(quantum: 2 * Ms);
        var a = new FakeTask(100, clock, 0, 3 * Ms);
        var b = new FakeTask(101, clock, 0, 2 * Ms);
        scheduler.Add(a);
        scheduler.Add(b);
        scheduler.At(Ms / 2, () => { });
        scheduler.Run();
        Assert.Equal(new[] { 0, Ms / 2, 4 * Ms }, a.SliceStarts);
        Assert.Equal(new[] { 2 * Ms }, b.SliceStarts);
    }

    [Fact]
    public void WakeUp_CutsTheBusyTasksSlice_AndTheSleeperRunsOnTime()
    {
        var (scheduler, clock) = NewScheduler(quantum: 10 * Ms);
        var sleeper = new FakeTask(100, clock, 0, -Ms, Ms);
        var busy = new FakeTask(101, clock, 0, 20 * Ms);
        scheduler.Add(sleeper);
        scheduler.Add(busy);
        scheduler.Run();
        Assert.Equal(new[] { 0, Ms }, sleeper.SliceStarts);
        Assert.Equal(new[] { 0, 2 * Ms, 12 * Ms }, busy.SliceStarts);
    }

    [Fact]
    public void ProcessStart_CutsTheBusyTasksSlice()
    {
        var (scheduler, clock) = NewScheduler(quantum: 10 * Ms);
        var busy = new FakeTask(100, clock, 0, 20 * Ms);
        var late = new FakeTask(101, clock, 3 * Ms, Ms);
        scheduler.Add(busy);
        scheduler.Add(late);
        scheduler.Run();
        Assert.Equal(new[] { 3 * Ms }, late.SliceStarts);
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
