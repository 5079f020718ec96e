using System.Globalization;

namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The <c>timeline</c> section: one aligned row per statement (time, WHO:LINE,
/// the statement and what it did, faults, RSS change), notes wrapped under
/// <c>  note  WHO:LINE   </c>, expects checked in place (<c>ok</c> or
/// <c>FAILED  expected ..., actual ...</c> in the faults column), kernel
/// events as a row (its text wrapped at <see cref="TimelineLayout.Width"/>,
/// continuation lines under the what column) and their further lines under
/// the what column, or indented 6 when one would not fit there (the OOM
/// killer's block: its task table keeps its columns), and snapshots as titled
/// blocks between blank lines (<c>top at 0.027 ms (web:6)</c>). The row
/// standing for a site's cut statement rows reads
/// <c>... 35 more runs not listed (totals in the process table)</c>, once per statement.
/// A what cell wider than <see cref="TimelineLayout.MaxWhat"/> wraps onto
/// rows of its own under the what column. Snapshot lines
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
                    WriteRow(w, layout, ReportText.Ms(s.TimeNs), ReportText.Where(s),
                        WhatLines(ReportText.OneLine(s.Site.Text), ReportText.WhatDetail(s), layout.What),
                        Faults(layout, s.MinFlt, s.MajFlt), ReportText.RssDelta(s.RssDeltaKb));
                    break;
                case TimelineEvent.Note n:
                    TextReportWriter.Wrapped(w, "  note  " + ReportText.Where(n) + "   ", ReportText.OneLine(n.Text));
                    break;
                case TimelineEvent.Expect x:
                    WriteRow(w, layout, ReportText.Ms(x.TimeNs), ReportText.Where(x), WordWrap.Wrap(ExpectWhat(x), layout.What),
                        ReportText.Verdict(x.Result), "");
                    break;
                case TimelineEvent.Kernel k:
                    var head = KernelWhat(k) + (k.Lines.Count > 0 ? " " + ReportText.OneLine(k.Lines[0]) : "");
                    WriteRow(w, layout, ReportText.Ms(k.TimeNs), ReportText.Where(k), WordWrap.Wrap(head, layout.FreeWhat), "", "", continuationIndent: 2);
                    WriteKernelLines(w, layout, k);
                    break;
                case TimelineEvent.Omitted o:
                    WriteRow(w, layout, ReportText.Ms(o.TimeNs), ReportText.Where(o), WordWrap.Wrap(ReportText.Omitted(o), layout.FreeWhat), "", "");
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

    /// <summary>
    /// A kernel event's lines after the first: under the what column when they
    /// all fit there, else all indented <see cref="TimelineLayout.KernelIndent"/>
    /// (the OOM killer's block). A line is printed as the kernel prints it,
    /// spaces and all (the task table's columns), unless it is wider than the
    /// timeline: then it wraps, continuations 2 further in.
    /// </summary>
    private static void WriteKernelLines(LineWriter w, TimelineLayout layout, TimelineEvent.Kernel k)
    {
        var indent = layout.WhatColumn + 2;
        for (var i = 1; i < k.Lines.Count; i++)
            if (indent + ReportText.OneLine(k.Lines[i]).Length > TimelineLayout.Width)
                indent = TimelineLayout.KernelIndent;
        for (var i = 1; i < k.Lines.Count; i++)
        {
            var line = ReportText.OneLine(k.Lines[i]);
            var wrapped = indent + line.Length <= TimelineLayout.Width ? [line] : WordWrap.Wrap(line, TimelineLayout.Width - indent);
            for (var j = 0; j < wrapped.Count; j++)
                w.Row(new string(' ', indent + (j == 0 ? 0 : 2)) + wrapped[j]);
        }
    }

    /// <summary>
    /// A row whose what cell may take several lines: the first with every column,
    /// the others under the what column (indented <paramref name="continuationIndent"/> more).
    /// </summary>
    private static void WriteRow(LineWriter w, TimelineLayout layout, string time, string where, IReadOnlyList<string> what,
        string faults, string rss, int continuationIndent = 0)
    {
        w.Row(Columns(layout, time, where, what[0], faults, rss));
        for (var i = 1; i < what.Count; i++)
            w.Row(new string(' ', layout.WhatColumn + continuationIndent) + what[i]);
    }

    /// <summary>
    /// A statement's what cell in lines of at most <paramref name="width"/>:
    /// one line when it fits, else its text wrapped, then its detail wrapped
    /// on lines of its own (so <c>(ran in 3 slices until 3.411 ms)</c> stays whole).
    /// </summary>
    public static IReadOnlyList<string> WhatLines(string text, string? detail, int width)
    {
        var full = detail == null ? text : text + "  " + detail;
        if (full.Length <= width)
            return [full];
        var lines = new List<string>(WordWrap.Wrap(text, width));
        if (detail != null)
            lines.AddRange(WordWrap.Wrap(detail, width));
        return lines;
    }

    private static string Faults(TimelineLayout layout, long min, long maj) =>
        min.ToString(CultureInfo.InvariantCulture).PadLeft(layout.Min) + " / " + maj.ToString(CultureInfo.InvariantCulture);

    private static string Columns(TimelineLayout layout, string time, string where, string what, string faults, string rss) =>
        "  " + time.PadRight(layout.Time) + "    " + where.PadRight(layout.Where) + "   " + what.PadRight(layout.What)
        + "   " + faults.PadRight(layout.Faults) + "   " + rss;
}
