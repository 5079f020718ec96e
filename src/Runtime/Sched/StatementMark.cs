namespace MemScript.Runtime.Sched;

/// <summary>A process's counters when a statement began, to report what the statement caused.</summary>
internal readonly record struct StatementMark(long TimeNs, long MinFlt, long MajFlt, ulong Rss);
