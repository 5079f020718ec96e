using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// Records <see cref="ChartSeries"/> while a run goes on. A sample is taken
/// when something is added to the timeline (<see cref="Force"/>) and, at
/// statement and slice boundaries, when simulated time reached the next tick
/// (<see cref="Tick"/>: one comparison, so it stays off the per-access path);
/// in a run of many processes, an event less than half an interval after the
/// last sample waits for the next boundary.
/// The first tick interval is <see cref="FirstIntervalNs"/>; when
/// <see cref="ChartSeries.MaxSamples"/> samples are held, neighbouring pairs
/// are thinned evenly in time (the first and the last kept) and the interval at least doubles. Samples at the same simulated time replace
/// each other. The first <see cref="ChartSeries.MaxProcessLanes"/> processes
/// to start get a series each; the others are summed into one. kswapd's
/// active spans are kept likewise, pairs merging past
/// <see cref="ChartSeries.MaxSpans"/>. Fixed-size arrays: no allocation per sample.
/// </summary>
internal sealed class SeriesRecorder(SimSystem system)
{
    public const long FirstIntervalNs = 1_000;

    private const int Cap = ChartSeries.MaxSamples;
    private readonly SeriesSample[] _samples = new SeriesSample[Cap];
    private readonly List<(ProcessTask Task, ProcessSample[] Values)> _lanes = new();
    private readonly List<ProcessTask> _others = new();
    private ProcessSample[]? _otherValues;
    private readonly List<ActiveSpan> _spans = new();
    private long[] _spanStart = [-1];
    private int _count;
    private long _lowestFree = long.MaxValue;

    public long IntervalNs { get; private set; } = FirstIntervalNs;

    /// <summary>When the next tick is due.</summary>
    public long NextTickNs { get; private set; }

    /// <summary>A process started: it gets a lane of its own while there are fewer than the maximum.</summary>
    public void Track(ProcessTask task)
    {
        if (_lanes.Count < ChartSeries.MaxProcessLanes)
            _lanes.Add((task, new ProcessSample[Cap]));
        else
        {
            _others.Add(task);
            _otherValues ??= new ProcessSample[Cap];
        }
    }

    /// <summary>At a statement or slice boundary: a sample if the tick is due.</summary>
    public void Tick()
    {
        var now = system.Now;
        if (now >= NextTickNs)
            Sample(now);
    }

    /// <summary>
    /// At an event: a sample now. When a sample is dear (more than
    /// <see cref="CheapOthers"/> processes summed into the others' lane) and
    /// the last one is less than half an interval old, the next statement or
    /// slice boundary takes it instead: a burst of ten thousand forks costs a
    /// sample per interval, not one per event.
    /// </summary>
    public void Force()
    {
        var now = system.Now;
        if (_others.Count > CheapOthers && _count > 0 && now - _samples[_count - 1].TimeNs < IntervalNs / 2)
        {
            NextTickNs = Math.Min(NextTickNs, now);
            return;
        }
        Sample(now);
    }

    /// <summary>Processes summed per sample below which every event gets its sample.</summary>
    public const int CheapOthers = 64;

    /// <summary>Node <paramref name="node"/>'s kswapd woke: its span opens.</summary>
    public void KswapdWoke(int node = 0)
    {
        if (node >= _spanStart.Length)
        {
            var grown = new long[node + 1];
            Array.Fill(grown, -1);
            _spanStart.CopyTo(grown, 0);
            _spanStart = grown;
        }
        _spanStart[node] = system.Now;
    }

    /// <summary>Node <paramref name="node"/>'s kswapd went to sleep: its span closes (pairs of spans merge past the cap; on NUMA a merged span keeps the first one's node).</summary>
    public void KswapdSlept(int node = 0)
    {
        if (node >= _spanStart.Length || _spanStart[node] < 0)
            return;
        var start = _spanStart[node];
        if (_spans.Count == ChartSeries.MaxSpans)
        {
            for (var i = 0; i < _spans.Count / 2; i++)
                _spans[i] = new ActiveSpan(_spans[2 * i].StartNs, Math.Max(_spans[2 * i].EndNs, _spans[2 * i + 1].EndNs), _spans[2 * i].Node);
            _spans.RemoveRange(_spans.Count / 2, _spans.Count - _spans.Count / 2);
        }
        _spans.Add(new ActiveSpan(start, Math.Max(start, system.Now), node));
        _spanStart[node] = -1;
    }

    private void Sample(long now)
    {
        var kernel = system.Kernel;
        var pageKb = (long)(kernel.Machine.PageSize / 1024);
        var free = kernel.FreeFrames * pageKb;
        if (_count > 0 && now <= _samples[_count - 1].TimeNs)
        {
            now = _samples[_count - 1].TimeNs;
            _lowestFree = Math.Min(_lowestFree, _samples[_count - 1].LowestFreeKb);
            _count--;   // same moment: this sample replaces it
        }
        else if (_count == Cap)
            Merge();
        _lowestFree = Math.Min(_lowestFree, free);
        var (min, low, high) = kernel.WatermarkPages;
        var majors = kernel.Vmstat(VmCounter.pgmajfault);
        _samples[_count] = new SeriesSample(now, free, _lowestFree, min * pageKb, low * pageKb, high * pageKb,
            kernel.Vmstat(VmCounter.pgfault) - majors, majors, kernel.Vmstat(VmCounter.pswpin), kernel.Vmstat(VmCounter.pswpout));
        foreach (var (task, values) in _lanes)
            values[_count] = Of(task, pageKb);
        if (_otherValues != null)
        {
            long anon = 0, file = 0, shmem = 0, swap = 0;
            var alive = false;
            foreach (var task in _others)
            {
                var s = Of(task, pageKb);
                anon += s.AnonKb;
                file += s.FileKb;
                shmem += s.ShmemKb;
                swap += s.SwapKb;
                alive |= s.Alive;
            }
            _otherValues[_count] = new ProcessSample(anon, file, shmem, swap, alive);
        }
        _count++;
        _lowestFree = long.MaxValue;
        NextTickNs = SimClock.Sum(now - now % IntervalNs, IntervalNs);
    }

    private ProcessSample Of(ProcessTask task, long pageKb)
    {
        if (!task.IsLive || task.Mm < 0)
            return default;
        var (anon, file, shmem, swap) = system.Kernel.RssPages(task.Mm);
        return new ProcessSample(anon * pageKb, file * pageKb, shmem * pageKb, swap * pageKb, true);
    }

    /// <summary>
    /// Thins the samples evenly in time: the interval at least doubles (and
    /// grows to a quarter of the cap's worth of the time recorded so far); the
    /// first sample stays, and of the others only the last in each interval
    /// does, with the lowest free memory of those it stands for. At most a
    /// quarter of the cap and a few samples remain.
    /// </summary>
    private void Merge()
    {
        var span = _samples[_count - 1].TimeNs - _samples[0].TimeNs;
        IntervalNs = Math.Max(IntervalNs > long.MaxValue / 2 ? IntervalNs : IntervalNs * 2, span / (Cap / 4) + 1);
        var kept = 1;
        var lowest = long.MaxValue;
        for (var i = 1; i < _count; i++)
        {
            lowest = Math.Min(lowest, _samples[i].LowestFreeKb);
            if (i + 1 < _count && _samples[i].TimeNs / IntervalNs == _samples[i + 1].TimeNs / IntervalNs)
                continue;
            _samples[kept] = _samples[i] with { LowestFreeKb = lowest };
            foreach (var (_, values) in _lanes)
                values[kept] = values[i];
            if (_otherValues != null)
                _otherValues[kept] = _otherValues[i];
            kept++;
            lowest = long.MaxValue;
        }
        _count = kept;
    }

    /// <summary>The series as recorded, with a last sample at the end of the run and kswapd's open span closed.</summary>
    public ChartSeries Finish()
    {
        Sample(system.Now);
        for (var node = 0; node < _spanStart.Length; node++)
            KswapdSlept(node);
        var samples = new SeriesSample[_count];
        Array.Copy(_samples, samples, _count);
        var lanes = new List<ProcessSeries>();
        foreach (var (task, values) in _lanes)
            lanes.Add(new ProcessSeries(task.Pid, task.Name, values[.._count]));
        if (_otherValues != null)
            lanes.Add(new ProcessSeries(0, "others", _otherValues[.._count]) { Others = _others.Count });
        return new ChartSeries(IntervalNs, (long)system.Kernel.Machine.PageSize, samples, lanes, _spans.ToArray());
    }
}
