namespace MemScript.Runtime;

/// <summary>One line (or block) of the report's story, at a simulated time.</summary>
public abstract record TimelineEvent(long TimeNs, Site Site)
{
    /// <summary>
    /// A statement that ran: its faults and RSS change. <see cref="Detail"/> is
    /// what the statement did beyond faults (<c>brk +132 KiB</c>, <c>mmap 1028 KiB</c>,
    /// <c>ENOMEM</c>), or null.
    /// </summary>
    public sealed record Statement(long TimeNs, Site Site, int Pid, string Process, long MinFlt, long MajFlt, long RssDeltaKb, string? Detail)
        : TimelineEvent(TimeNs, Site);

    /// <summary>A teaching note.</summary>
    public sealed record Note(long TimeNs, Site Site, string Text) : TimelineEvent(TimeNs, Site);

    /// <summary>A report statement's snapshot, already in the kernel's format.</summary>
    public sealed record Snapshot(long TimeNs, Site Site, string Title, IReadOnlyList<string> Lines) : TimelineEvent(TimeNs, Site);

    /// <summary>
    /// Something the kernel did or said on its own (SIGSEGV, OOM kill lines,
    /// kswapd waking, a process starting or exiting), with the lines it prints.
    /// </summary>
    public sealed record Kernel(long TimeNs, Site Site, int Pid, string Process, IReadOnlyList<string> Lines) : TimelineEvent(TimeNs, Site);

    /// <summary>An expect checked where it stands in a body or at block.</summary>
    public sealed record Expect(long TimeNs, Site Site, ExpectationResult Result) : TimelineEvent(TimeNs, Site);
}
