using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>A task that runs a script of CPU work and sleeps, recording when it ran.</summary>
internal sealed class FakeTask(int pid, SimClock clock, long startNs, params long[] script) : ISchedTask
{
    // Positive: nanoseconds of work. Negative: a sleep of that many nanoseconds.
    private readonly Queue<long> _script = new(script);

    public int Pid => pid;
    public long StartNs => startNs;
    public TaskRunState RunState { get; private set; } = TaskRunState.NotStarted;
    public long WakeAtNs { get; private set; }
    public List<long> SliceStarts { get; } = new();

    public void Start() => RunState = TaskRunState.Runnable;

    public void Wake() => RunState = TaskRunState.Runnable;

    public void RunSlice(long sliceEndNs)
    {
        SliceStarts.Add(clock.NowNs);
        while (clock.NowNs < sliceEndNs && _script.Count > 0)
        {
            var step = _script.Dequeue();
            if (step < 0)
            {
                WakeAtNs = clock.NowNs - step;
                RunState = TaskRunState.Sleeping;
                return;
            }
            var run = Math.Min(step, sliceEndNs - clock.NowNs);
            clock.Advance(run);
            if (run < step)
            {
                var rest = new Queue<long>(new[] { step - run }.Concat(_script));
                _script.Clear();
                foreach (var s in rest)
                    _script.Enqueue(s);
            }
        }
        if (_script.Count == 0)
            RunState = TaskRunState.Idle;
    }
}
