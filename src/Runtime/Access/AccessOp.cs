using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Runtime.Access;

/// <summary>
/// A <c>read</c>/<c>write</c>/<c>exec</c>/<c>touch</c> statement in progress.
/// <see cref="Step"/> makes page accesses until the slice ends or the
/// statement is done; the cursor keeps its place in between. An access to a
/// null region, or one the kernel refuses (SEGV_MAPERR,
/// SEGV_ACCERR, SIGBUS), kills the process with the signal; the statement's
/// timeline entry is written when it ends either way. An out-of-bounds slice
/// (<c>b[..768K]</c> of a 512 KiB <c>b</c>) accesses every page of the range
/// that is inside the region, in order, then the first address outside it is
/// the invalid access: <c>SIGSEGV at ADDR (range outside b: b[..768K] on 512 KiB)</c>. A major fault's disk
/// read (80 us) is a wait, not CPU time: the process blocks for it and the
/// op resumes at the next access when it wakes, while others run. A fault
/// that leaves kswapd wanted ends the slice, so kswapd preempts.
/// An access whose fault got the process OOM-killed (<see cref="FaultResult.OomKilled"/>)
/// ends the statement: the killer already wrote its row (<c>oom-killed</c>).
/// A trace replay (<see cref="PatternKind.Trace"/>) renews the work budget at
/// each slice: the file bounds it. Allocation-free per access.
/// </summary>
internal sealed class AccessOp : Op
{
    private readonly ProcessTask _task;
    private readonly Site _site;
    private readonly Region _region;
    private readonly AccessKind _kind;
    private readonly PageCursor _cursor;
    private readonly StatementMark _mark;
    private readonly ReferenceRecorder? _references;
    private readonly bool _traced;
    private readonly bool _fastWrite;
    private readonly LeafCache? _leaves;
    private readonly CursorLookahead? _ahead;

    public AccessOp(ProcessTask task, Site site, Region region, AccessKind kind, AccessPattern pattern, long times)
    {
        _task = task;
        _site = site;
        _region = region;
        _kind = kind;
        _cursor = region.OutOfBounds
            ? new PageCursor(InsidePart(region), AccessPattern.Sequential, 1, task.Kernel.Machine.PageSize)
            : new PageCursor(region, pattern, times, task.Kernel.Machine.PageSize);
        _traced = pattern.Kind == PatternKind.Trace;
        _mark = task.Begin(site);
        _references = region.OutOfBounds ? null : task.ReferenceRecorderFor(site, region, pattern);
        // The kernel's textbook write path, decided once: a write statement on
        // a textbook machine, no per-request marks (the kernel's state stays
        // live, so a reference table still reads it after each access).
        _fastWrite = kind == AccessKind.Write && !region.OutOfBounds && !region.IsNull
            && pattern.Trace is not { UseMarks: true } && task.Mm >= 0
            && task.Kernel.TextbookWriteEligible(task.Mm, region.Start, region.End, out _leaves);
        if (_fastWrite && _leaves is not null)
            _ahead = new CursorLookahead(_cursor);
    }

    /// <summary>Runs until <paramref name="sliceEndNs"/>; true when the statement is finished.</summary>
    public bool Step(long sliceEndNs)
    {
        if (_region.IsNull)
            return Fault(0, FaultResult.SegvMapErr);
        var kernel = _task.Kernel;
        var clock = _task.Clock;
        var mm = _task.Mm;
        // The hot loop keeps the time and the access count in locals and
        // hands them to the clock before anything else can look at it. The
        // budget is re-read after each fault (the fault's own work counts),
        // never on a hit.
        if (_traced)
            clock.RenewBudgetForTrace();
        var start = clock.NowNs;
        var now = start;
        var budget = clock.RemainingWork;
        long done = 0;
        while (now < sliceEndNs)
        {
            if (!(_ahead?.TryNext(out var address, out var invalid) ?? _cursor.TryNext(out address, out invalid)))
            {
                Commit(clock, now - start, done);
                if (_region.OutOfBounds)
                    return OutsideRange();
                _task.End(_site, _mark, null);
                return true;
            }
            if (invalid)
            {
                Commit(clock, now - start, done);
                return Fault(address, FaultResult.SegvMapErr);
            }
            if (done >= budget)
                Commit(clock, now - start, done + 1); // throws: the work limit
            // The cost starts at the time this loop has run and not yet handed to
            // the clock, so the kernel can stamp an OOM kill in the middle of it.
            var inFlight = now - start;
            var cost = inFlight;
            if (_ahead is not null)
                kernel.PrefetchForWrite(_leaves!, _ahead.Peek(1), _ahead.Peek(2));
            var result = _fastWrite ? kernel.FastWrite(mm, address, _leaves, ref cost) : kernel.Access(mm, address, _cursor.Mark ?? _kind, ref cost);
            cost -= inFlight;
            done++;
            _references?.Record(address, result);
            if (result == FaultResult.Major)
            {
                var wait = Math.Min(cost, kernel.Costs.MajorFault);
                Commit(clock, now - start + cost - wait, done);
                if (!_task.TryWaitInPlace(wait))
                {
                    _task.WaitForIo(wait);
                    return false;
                }
                start = now = clock.NowNs;
                budget = clock.RemainingWork;
                done = 0;
                if (now >= sliceEndNs || kernel.KswapdWanted)
                    return false;
                continue;
            }
            now = now <= SimClock.EndOfTime - cost ? now + cost : SimClock.EndOfTime;   // time saturates at its end
            if (result == FaultResult.OomKilled)
            {
                Commit(clock, now - start, done);
                return true;
            }
            if (result >= FaultResult.SegvMapErr)
            {
                Commit(clock, now - start, done);
                return Fault(address, result);
            }
            if (result != FaultResult.Hit)
            {
                if (kernel.KswapdWanted)
                {
                    // The fault woke kswapd: it preempts, and this op resumes after it.
                    Commit(clock, now - start, done);
                    return false;
                }
                budget = clock.RemainingWork;
            }
        }
        Commit(clock, now - start, done);
        return false;
    }

    private static void Commit(SimClock clock, long elapsedNs, long accesses)
    {
        clock.Advance(elapsedNs);
        clock.CountAccesses(accesses);
    }

    /// <summary>The part of an out-of-bounds slice that is inside the region it was sliced from.</summary>
    private static Region InsidePart(Region r) => r.Downward
        ? new Region(r.End - r.InBounds, r.InBounds, Downward: true)
        : new Region(r.Start, r.InBounds);

    /// <summary>The first address of an out-of-bounds slice that is outside its region: the invalid access.</summary>
    private bool OutsideRange()
    {
        var address = _region.Downward ? _region.End - _region.InBounds - 1 : _region.Start + _region.InBounds;
        var target = Target();
        var bracket = target.IndexOf('[');
        var name = bracket > 0 ? target[..bracket] : target;
        var (signal, _) = FaultSignal.Of(FaultResult.SegvMapErr);
        _task.End(_site, _mark, signal);
        _task.Die(ProcessState.Segfault, _site,
            $"{signal} at {Units.Hex(address)} (range outside {name}: {target} on {Units.Size(_region.ParentLength)})",
            $"killed by {signal}; its memory is freed");
        return true;
    }

    /// <summary>What the statement accesses, from its text: <c>b[..768K]</c> of <c>write b[..768K]</c>.</summary>
    private string Target()
    {
        var text = _site.Text;
        var space = text.IndexOf(' ');
        return space > 0 ? text[(space + 1)..] : text;
    }

    private bool Fault(ulong address, FaultResult result)
    {
        var (signal, code) = FaultSignal.Of(result);
        var what = FaultSignal.Verb(_kind);
        var target = Target();
        _task.End(_site, _mark, signal);
        var line = $"{signal} at {Units.Hex(address)} ({code}): {what} of {target} at {_site}";
        _task.Die(FaultSignal.State(result), _site, line, $"killed by {signal}; its memory is freed");
        return true;
    }
}
