using System.Globalization;

namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The <c>timeline</c> section: one aligned row per statement (time, p:LINE,
/// the statement and what it did, faults, RSS change), notes wrapped under
/// <c>  note  p:LINE   </c>, expects checked in place (<c>ok</c> or
/// <c>FAILED  expected ..., actual ...</c> in the faults column), kernel
/// events as a row and their lines indented 6, and snapshots as titled
/// blocks between blank lines (<c>top at 0.027 ms (p:6)</c>). Snapshot lines
/// of a /proc file (title starting with <c>/proc/</c>) are printed exactly as
/// the kernel does, unindented; those of a tool (top, free, oom_scores) are
/// indented 4.
/// </summary>
internal static class TimelineWriter
{
    public static void Write(LineWriter w, SimulationResult result)
    {
        var layout = TimelineLayout.For(result.Timeline);
        w.Line("timeline");
        w.Row(Columns(layout, "time", "where", "what", TimelineLayout.FaultsHeader.PadRight(layout.Faults), "RSS"));
        bool afterBlock = false;
        foreach (var e in result.Timeline)
        {
            if (afterBlock && e is not TimelineEvent.Snapshot)
                w.Blank();
            afterBlock = false;
            switch (e)
            {
                case TimelineEvent.Statement s:
                    w.Row(Columns(layout, ReportText.Ms(s.TimeNs), ReportText.Where(s.Site), ReportText.What(s),
                        Faults(layout, s.MinFlt, s.MajFlt), ReportText.RssDelta(s.RssDeltaKb)));
                    break;
                case TimelineEvent.Note n:
                    TextReportWriter.Wrapped(w, "  note  " + ReportText.Where(n.Site) + "   ", ReportText.OneLine(n.Text));
                    break;
                case TimelineEvent.Expect x:
                    w.Row(Columns(layout, ReportText.Ms(x.TimeNs), ReportText.Where(x.Site), ExpectWhat(x), ReportText.Verdict(x.Result), ""));
                    break;
                case TimelineEvent.Kernel k:
                    w.Row(Columns(layout, ReportText.Ms(k.TimeNs), ReportText.Where(k.Site), KernelWhat(k), "", ""));
                    foreach (var line in k.Lines)
                        w.Row("      " + ReportText.OneLine(line));
                    break;
                case TimelineEvent.Snapshot snap:
                    WriteSnapshot(w, snap);
                    afterBlock = true;
                    break;
            }
        }
    }

    /// <summary>The title line of a snapshot: <c>top at 0.027 ms (p:6)</c>.</summary>
    public static string SnapshotTitle(TimelineEvent.Snapshot s) =>
        ReportText.OneLine(s.Title) + " at " + ReportText.Ms(s.TimeNs) + (s.Site.Line > 0 ? " (" + ReportText.Where(s.Site) + ")" : "");

    /// <summary>True when the snapshot is a /proc file printed as the kernel prints it, without indentation.</summary>
    public static bool IsProcFile(TimelineEvent.Snapshot s) => s.Title.StartsWith("/proc/", StringComparison.Ordinal);

    /// <summary>The what cell of an expect: <c>expect web.minflt &gt;= 16</c>.</summary>
    public static string ExpectWhat(TimelineEvent.Expect x) => "expect " + ReportText.OneLine(x.Result.Text);

    /// <summary>The what cell of a kernel event: <c>kernel: batch (pid 101)</c>, or <c>kernel</c>.</summary>
    public static string KernelWhat(TimelineEvent.Kernel k) =>
        k.Pid > 0 ? "kernel: " + ReportText.OneLine(k.Process) + " (pid " + k.Pid.ToString(CultureInfo.InvariantCulture) + ")" : "kernel";

    private static void WriteSnapshot(LineWriter w, TimelineEvent.Snapshot snap)
    {
        w.Blank();
        w.Row(SnapshotTitle(snap));
        var indent = IsProcFile(snap) ? "" : "    ";
        foreach (var line in snap.Lines)
            w.Line(indent + line);
        w.Blank();
    }

    private static string Faults(TimelineLayout layout, long min, long maj) =>
        min.ToString(CultureInfo.InvariantCulture).PadLeft(layout.Min) + " / " + maj.ToString(CultureInfo.InvariantCulture);

    private static string Columns(TimelineLayout layout, string time, string where, string what, string faults, string rss) =>
        "  " + time.PadRight(layout.Time) + "    " + where.PadRight(layout.Where) + "   " + what.PadRight(layout.What)
        + "   " + faults.PadRight(layout.Faults) + "   " + rss;
}
