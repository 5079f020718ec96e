namespace MemScript.Runtime;

/// <summary>
/// The textbook frame table of one access statement with a <c>pages</c>
/// list on a machine of a few frames: for each reference, the page
/// referenced, whether it hit or faulted (minor: first touch; major: back
/// from swap), the page evicted to make room (or null), and the frames'
/// contents after it, one entry per frame of RAM in frame order (a page
/// index of the region, or null when the frame is free or holds something
/// else). At most <see cref="MaxSteps"/> references are kept;
/// <see cref="NotShown"/> counts the others.
/// </summary>
public sealed record ReferenceTable(Site Site, int Pid, string Process, string Policy, int Frames, IReadOnlyList<ReferenceStep> Steps, long NotShown)
{
    /// <summary>References kept per table.</summary>
    public const int MaxSteps = 64;

    /// <summary>Tables kept per run.</summary>
    public const int MaxTables = 4;

    /// <summary>Machines with more frames than this are no textbook: no table is recorded.</summary>
    public const int MaxFrames = 16;

    /// <summary>Who ran the statement, as the timeline says it; null when not known.</summary>
    public string? Who { get; init; }
}

/// <summary>One reference of a <see cref="ReferenceTable"/>.</summary>
public sealed record ReferenceStep(long Page, ReferenceOutcome Outcome, long? Victim, IReadOnlyList<long?> Frames);

/// <summary>What one reference cost.</summary>
public enum ReferenceOutcome
{
    Hit,
    MinorFault,
    MajorFault,
}
