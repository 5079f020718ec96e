using System.Globalization;

namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The <c>timeline</c> section: one aligned row per statement (time, WHO:LINE,
/// the statement and what it did, faults, RSS change), notes wrapped under
/// <c>  note  WHO:LINE   </c>, expects checked in place (<c>ok</c> or
/// <c>FAILED  expected ..., actual ...</c> in the faults column), kernel
/// events as a row and their lines indented 6, and snapshots as titled
/// blocks between blank lines (<c>top at 0.027 ms (web:6)</c>). The row
/// standing for a site's cut statement rows reads
/// <c>... further runs of web:16 not listed (N more; totals in the process table)</c>. Snapshot lines
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
                    w.Row(Columns(layout, ReportText.Ms(s.TimeNs), ReportText.Where(s), ReportText.What(s),
                        Faults(layout, s.MinFlt, s.MajFlt), ReportText.RssDelta(s.RssDeltaKb)));
                    break;
                case TimelineEvent.Note n:
                    TextReportWriter.Wrapped(w, "  note  " + ReportText.Where(n) + "   ", ReportText.OneLine(n.Text));
                    break;
                case TimelineEvent.Expect x:
                    w.Row(Columns(layout, ReportText.Ms(x.TimeNs), ReportText.Where(x), ExpectWhat(x), ReportText.Verdict(x.Result), ""));
                    break;
                case TimelineEvent.Kernel k:
                    var head = KernelWhat(k) + (k.Lines.Count > 0 ? " " + ReportText.OneLine(k.Lines[0]) : "");
                    w.Row(Columns(layout, ReportText.Ms(k.TimeNs), ReportText.Where(k), head, "", ""));
                    for (var i = 1; i < k.Lines.Count; i++)
                        w.Row(new string(' ', layout.WhatColumn + 2) + ReportText.OneLine(k.Lines[i]));
                    break;
                case TimelineEvent.Omitted o:
                    w.Row(Columns(layout, ReportText.Ms(o.TimeNs), ReportText.Where(o), ReportText.Omitted(o), "", ""));
                    break;
                case TimelineEvent.Snapshot snap:
                    WriteSnapshot(w, snap);
                    afterBlock = true;
                    break;
            }
        }
    }

    /// <summary>
    /// The title line of a snapshot: <c>top at 0.027 ms (web:6)</c>. A title
    /// that already says when (contains <c> at </c>) is printed as given;
    /// otherwise the time and site are added.
    /// </summary>
    public static string SnapshotTitle(TimelineEvent.Snapshot s)
    {
        var title = ReportText.OneLine(s.Title);
        if (title.Contains(" at ", StringComparison.Ordinal))
            return title;
        return title + " at " + ReportText.Ms(s.TimeNs) + (s.Site.Line > 0 ? " (" + ReportText.Where(s) + ")" : "");
    }

    /// <summary>The what cell of an expect: <c>expect web.minflt &gt;= 16</c>.</summary>
    public static string ExpectWhat(TimelineEvent.Expect x) => "expect " + ReportText.OneLine(x.Result.Text);

    /// <summary>The head of a kernel event, before its first line: <c>kernel: batch (pid 101)</c>, or <c>kernel</c>.</summary>
    public static string KernelWhat(TimelineEvent.Kernel k) =>
        k.Pid > 0 ? "kernel: " + ReportText.OneLine(k.Process) + " (pid " + k.Pid.ToString(CultureInfo.InvariantCulture) + ")" : "kernel";

    private static void WriteSnapshot(LineWriter w, TimelineEvent.Snapshot snap)
    {
        w.Blank();
        w.Row(SnapshotTitle(snap));
        // Printed as the kernel or the tool prints it, unindented, so a block can be compared with a real machine's.
        foreach (var line in snap.Lines)
            w.Line(line);
        w.Blank();
    }

    private static string Faults(TimelineLayout layout, long min, long maj) =>
        min.ToString(CultureInfo.InvariantCulture).PadLeft(layout.Min) + " / " + maj.ToString(CultureInfo.InvariantCulture);

    private static string Columns(TimelineLayout layout, string time, string where, string what, string faults, string rss) =>
        "  " + time.PadRight(layout.Time) + "    " + where.PadRight(layout.Where) + "   " + what.PadRight(layout.What)
        + "   " + faults.PadRight(layout.Faults) + "   " + rss;
}
