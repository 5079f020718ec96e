using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// Records the textbook frame table (<see cref="ReferenceTable"/>) of one
/// <c>pages</c> access statement on a machine of at most
/// <see cref="ReferenceTable.MaxFrames"/> frames: after each reference, the
/// page of the region each frame holds, whether it hit or faulted, and the
/// page that left the frames. Only the first <see cref="ReferenceTable.MaxSteps"/>
/// references are kept (the rest are counted), and only
/// <see cref="ReferenceTable.MaxTables"/> tables per run
/// (<see cref="For"/> returns null past them, or for another pattern).
/// </summary>
internal sealed class ReferenceRecorder
{
    private readonly Kernel _kernel;
    private readonly int _mm;
    private readonly Region _region;
    private readonly ulong _pageSize;
    private readonly int _firstFrame;
    private readonly long?[] _before;
    private readonly List<ReferenceStep> _steps = new();
    private long _notShown;

    private ReferenceRecorder(Kernel kernel, int mm, Region region, int firstFrame, int frames)
    {
        _kernel = kernel;
        _mm = mm;
        _region = region;
        _pageSize = kernel.Machine.PageSize;
        _firstFrame = firstFrame;
        _before = new long?[frames];
        Contents(_before);
    }

    /// <summary>A recorder for this statement, or null when it gets no table.</summary>
    public static ReferenceRecorder? For(SimSystem system, ProcessTask task, Site site, Region region, AccessPattern pattern)
    {
        if (pattern.Kind != PatternKind.Pages || region.Downward || region.IsNull || system.ReferenceTables.Count >= ReferenceTable.MaxTables)
            return null;
        var kernel = system.Kernel;
        var frames = kernel.TotalFrames - kernel.FirstUserFrame;
        if (frames <= 0 || frames > ReferenceTable.MaxFrames)
            return null;
        var recorder = new ReferenceRecorder(kernel, task.Mm, region, (int)kernel.FirstUserFrame, (int)frames);
        system.ReferenceTables.Add((recorder, site, task));
        return recorder;
    }

    /// <summary>After one reference to <paramref name="address"/> that ended with <paramref name="result"/>.</summary>
    public void Record(ulong address, FaultResult result)
    {
        if (_steps.Count >= ReferenceTable.MaxSteps)
        {
            _notShown++;
            return;
        }
        var after = new long?[_before.Length];
        Contents(after);
        long? victim = null;
        foreach (var page in _before)
            if (page is { } p && Array.IndexOf(after, page) < 0)
                victim = p;
        var outcome = result switch
        {
            FaultResult.Hit => ReferenceOutcome.Hit,
            FaultResult.Major => ReferenceOutcome.MajorFault,
            _ => ReferenceOutcome.MinorFault,
        };
        _steps.Add(new ReferenceStep((long)(address / _pageSize - _region.Start / _pageSize), outcome, victim, after));
        Array.Copy(after, _before, after.Length);
    }

    /// <summary>
    /// The table, its frames numbered in the order they first held a page of
    /// the region (as a textbook fills its columns top down), not by frame
    /// number: which physical frame the allocator hands out first teaches nothing.
    /// </summary>
    public ReferenceTable ToTable(Site site, ProcessTask task, string policy)
    {
        var order = new List<int>();
        foreach (var step in _steps)
            for (var f = 0; f < step.Frames.Count; f++)
                if (step.Frames[f] != null && !order.Contains(f))
                    order.Add(f);
        for (var f = 0; f < _before.Length; f++)
            if (!order.Contains(f))
                order.Add(f);
        var steps = new ReferenceStep[_steps.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var frames = new long?[order.Count];
            for (var f = 0; f < order.Count; f++)
                frames[f] = _steps[i].Frames[order[f]];
            steps[i] = _steps[i] with { Frames = frames };
        }
        return new(site, task.Pid, task.Name, policy, _before.Length, steps, _notShown);
    }

    private void Contents(long?[] into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var va = _kernel.FrameVirtualAddress(_mm, _firstFrame + i);
            into[i] = va is { } a && a / _pageSize >= _region.Start / _pageSize && a < _region.End ? (long)(a / _pageSize - _region.Start / _pageSize) : null;
        }
    }
}
