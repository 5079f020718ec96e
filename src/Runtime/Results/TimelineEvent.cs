namespace MemScript.Runtime;

/// <summary>
/// One line (or block) of the report's story, at a simulated time.
/// <see cref="Who"/> says who was running the statement at <see cref="Site"/>:
/// the process (<c>web</c>, or <c>kid[103]</c> when several processes of the
/// run bear that name), <c>at</c> for an <c>at</c> block, <c>end</c> for the
/// top-level reports and expects checked when the run ends; null when not known.
/// The report prints it with the line as <c>web:6</c>.
/// </summary>
public abstract record TimelineEvent(long TimeNs, Site Site)
{
    /// <summary>Who ran the statement: a process label, <c>at</c> or <c>end</c>; null when not known.</summary>
    public string? Who { get; init; }

    /// <summary>
    /// A statement that ran: its faults and RSS change. <see cref="Detail"/> is
    /// what the statement did beyond faults (<c>brk +132 KiB</c>, <c>mmap 1028 KiB</c>,
    /// <c>ENOMEM</c>), or null.
    /// </summary>
    public sealed record Statement(long TimeNs, Site Site, int Pid, string Process, long MinFlt, long MajFlt, long RssDeltaKb, string? Detail)
        : TimelineEvent(TimeNs, Site)
    {
        /// <summary>
        /// How many pieces the statement ran in: more than 1 when the scheduler
        /// cut it (a quantum's end, a wake-up, kswapd preempting) and another
        /// task ran before it went on, or it blocked on a disk read meanwhile. Its faults and RSS change are
        /// the total from <see cref="TimelineEvent.TimeNs"/> to <see cref="EndNs"/>.
        /// </summary>
        public int Slices { get; init; } = 1;

        /// <summary>When the statement ended (its last slice).</summary>
        public long EndNs { get; init; }
    }

    /// <summary>A teaching note.</summary>
    public sealed record Note(long TimeNs, Site Site, string Text) : TimelineEvent(TimeNs, Site);

    /// <summary>A report statement's snapshot, already in the kernel's format.</summary>
    public sealed record Snapshot(long TimeNs, Site Site, string Title, IReadOnlyList<string> Lines) : TimelineEvent(TimeNs, Site);

    /// <summary>
    /// Something the kernel did or said on its own (SIGSEGV, OOM kill lines,
    /// kswapd waking, a process starting or exiting), with the lines it prints.
    /// </summary>
    public sealed record Kernel(long TimeNs, Site Site, int Pid, string Process, IReadOnlyList<string> Lines) : TimelineEvent(TimeNs, Site);

    /// <summary>
    /// Stands for the statement rows of one statement that were not listed: after a
    /// statement's first <see cref="Listed"/> rows, whoever ran them (a statement in a long <c>repeat</c>, or forked children),
    /// the others are only counted (<see cref="Count"/>); their faults are in the
    /// process table's totals.
    /// </summary>
    public sealed record Omitted(long TimeNs, Site Site, int Pid, string Process, long Count) : TimelineEvent(TimeNs, Site)
    {
        /// <summary>Statement rows listed per statement before the rest are counted.</summary>
        public const int Listed = 20;

        /// <summary>How many processes made the rows not listed (several when fork children share the statement).</summary>
        public int Processes { get; init; } = 1;
    }

    /// <summary>An expect checked where it stands in a body or at block.</summary>
    public sealed record Expect(long TimeNs, Site Site, ExpectationResult Result) : TimelineEvent(TimeNs, Site);
}
