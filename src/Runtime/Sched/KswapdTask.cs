using System.Globalization;

namespace MemScript.Runtime.Sched;

/// <summary>
/// kswapdN, node N's kernel thread of background reclaim (MODEL.md 6), as a
/// task of the scheduler: pid 0, not a scenario process (not in
/// <see cref="SimSystem.Processes"/>, not in top). It is runnable while the
/// kernel wants it (the node's free memory fell below its low watermark and
/// has not reached high); each slice runs batches of reclaim on the node,
/// advancing the clock by each batch's cost, until the slice ends or it is no
/// longer wanted. It says when it wakes (<c>kswapd0 wakes: free N kB &lt; low
/// N kB</c>, the node's free memory and marks) and when it sleeps
/// (<c>kswapd0 sleeps: free N kB &gt;= high N kB; reclaimed N pages, scanned
/// N</c>, or <c>kswapd0 gives up: no progress; ...</c>). When
/// it gets the CPU only after others freed memory up to high, it goes back to
/// sleep without a word. The
/// first <see cref="ListedPairs"/> wake/sleep pairs are listed; the others
/// are counted and <see cref="Summarize"/> adds one row for them when the run
/// ends, stamped at the last wake it counts (where the story of those wakes
/// ends), so thrashing cannot flood the timeline.
/// </summary>
internal sealed class KswapdTask(SimSystem system, IKswapdKernel kernel, int node = 0) : ISchedTask
{
    public const int ListedPairs = 8;

    /// <summary>What every kswapd's name starts with (kswapd0, kswapd1, ...).</summary>
    public const string Prefix = "kswapd";

    /// <summary>kswapd and the node number.</summary>
    public string Name { get; } = Prefix + node.ToString(CultureInfo.InvariantCulture);

    private bool _awake;
    private long _reclaimed;
    private long _scanned;
    private int _wakes;
    private long _unlistedReclaimed;
    private long _unlistedScanned;
    private long _lastUnlistedWakeNs;

    public int Pid => 0;

    public long StartNs => 0;

    public TaskRunState RunState => kernel.Wanted ? TaskRunState.Runnable : TaskRunState.Idle;

    public long WakeAtNs => long.MaxValue;

    /// <summary>Times it woke in the run.</summary>
    public int Wakes => _wakes;

    public void Start()
    {
    }

    public void Wake()
    {
    }

    public void RunSlice(long sliceEndNs)
    {
        system.ActAs(Name);
        var clock = system.Clock;
        if (!_awake)
        {
            var (_, low, high) = kernel.Watermarks;
            var free = kernel.FreePages;
            if (kernel.Balanced)
            {
                // Woken, but others freed enough meanwhile: it finds the zone balanced and sleeps again.
                kernel.ReclaimBatch();
                return;
            }
            _awake = true;
            _wakes++;
            system.Series.KswapdWoke(node);
            _reclaimed = 0;
            _scanned = 0;
            if (!Listed)
                _lastUnlistedWakeNs = system.Now;
            else
                Say(free < low
                    ? $"{Name} wakes: free {Kb(free)} kB < low {Kb(low)} kB"
                    : $"{Name} wakes: free {Kb(free)} kB < high {Kb(high)} kB");
        }
        while (clock.NowNs < sliceEndNs && kernel.Wanted)
        {
            var batch = kernel.ReclaimBatch();
            clock.CountStep();
            clock.Advance(Math.Max(1, batch.CostNs));
            _reclaimed += batch.Reclaimed;
            _scanned += batch.Scanned;
        }
        if (!kernel.Wanted)
            Sleep();
    }

    /// <summary>At the end of the run: one row for the wake/sleep pairs not listed.</summary>
    public void Summarize()
    {
        if (_awake)
        {
            _awake = false;
            if (!Listed)
                Count();
        }
        var unlisted = _wakes - ListedPairs;
        if (unlisted <= 0)
            return;
        system.ActAs(Name);
        Say(_lastUnlistedWakeNs, $"{Name} woke {unlisted.ToString(CultureInfo.InvariantCulture)} more {(unlisted == 1 ? "time" : "times")} (not listed): reclaimed {_unlistedReclaimed.ToString(CultureInfo.InvariantCulture)} pages, scanned {_unlistedScanned.ToString(CultureInfo.InvariantCulture)}");
    }

    private bool Listed => _wakes <= ListedPairs;

    private void Sleep()
    {
        _awake = false;
        system.Series.KswapdSlept(node);
        if (!Listed)
        {
            Count();
            return;
        }
        var done = $"reclaimed {_reclaimed.ToString(CultureInfo.InvariantCulture)} pages, scanned {_scanned.ToString(CultureInfo.InvariantCulture)}";
        var free = kernel.FreePages;
        var high = kernel.Watermarks.High;
        if (kernel.BalancedZone is { } zone)
        {
            // pgdat_balanced: one eligible zone above its high mark (plus the lowmem_reserve the wakers must leave in it)
            var mark = zone.Reserve > 0 ? $"high {Kb(zone.High)} + lowmem_reserve {Kb(zone.Reserve)} kB" : $"high {Kb(zone.High)} kB";
            Say($"{Name} sleeps: {zone.Zone} free {Kb(zone.Free)} kB > {mark}; {done}");
            return;
        }

        Say(kernel.Balanced
            ? $"{Name} sleeps: free {Kb(free)} kB >= high {Kb(high)} kB; {done}"
            : $"{Name} gives up: no progress; free {Kb(free)} kB < high {Kb(high)} kB; {done}");
    }

    private void Count()
    {
        _unlistedReclaimed += _reclaimed;
        _unlistedScanned += _scanned;
    }

    private string Kb(long pages) => (pages * (long)kernel.PageSize / 1024).ToString(CultureInfo.InvariantCulture);

    private void Say(string line) => Say(system.Now, line);

    private void Say(long timeNs, string line) => system.Add(new TimelineEvent.Kernel(timeNs, Site.None, 0, "kernel", [line]));
}
