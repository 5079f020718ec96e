using MemScript.Runtime.Reporting.Text;

namespace MemScript.Runtime.Reporting.Markdown;

/// <summary>
/// The Markdown report: the same story as the text report, with headings.
/// Consecutive timeline statements and expects form a table (time, where,
/// what, faults (min/maj), RSS); a note is a quoted paragraph, a snapshot a
/// level-3 heading and a fenced code block holding the kernel's lines
/// untouched, a kernel event a bold line and a code block. Every
/// scenario-supplied string in running text or a table cell passes through
/// <see cref="MarkdownEscape.Text"/>.
/// </summary>
internal static class MarkdownReportWriter
{
    public static string Write(SimulationResult r) => Write(r, null);

    /// <summary>
    /// The report; with <paramref name="chartFiles"/> (chart id to the file
    /// name of its SVG, written beside the report) a Charts section links them as images.
    /// </summary>
    public static string Write(SimulationResult r, IReadOnlyDictionary<string, string>? chartFiles)
    {
        var w = new LineWriter();
        w.Line("# " + MarkdownEscape.Text(ReportText.Title(r)));
        w.Blank();
        w.Line("- **machine** " + Esc(string.Join(" · ", ReportText.MachineItems(r.Machine))));
        var costs = new List<string>();
        foreach (var c in r.Machine.Costs)
            costs.Add(ReportText.Setting(c));
        if (costs.Count > 0)
            w.Line("- **costs** " + Esc(string.Join(" · ", costs)));
        foreach (var n in r.HeaderNotes)
        {
            w.Blank();
            w.Line("> **note** " + ReportText.Where(n) + " — " + Esc(n.Text));
        }
        MarkdownStoryWriter.WriteCharts(w, r, chartFiles);
        MarkdownStoryWriter.WriteFrameTables(w, r);
        MarkdownStoryWriter.WriteWhy(w, r);
        w.Blank();
        w.Line("## Timeline");
        WriteTimeline(w, r.Timeline);
        w.Blank();
        WriteSummary(w, r);
        return w.ToString();
    }

    private static void WriteTimeline(LineWriter w, IReadOnlyList<TimelineEvent> timeline)
    {
        bool inTable = false;
        foreach (var e in timeline)
        {
            // A one-line kernel event (a process starts or exits) is a row of the table too.
            if (e is TimelineEvent.Statement or TimelineEvent.Expect or TimelineEvent.Omitted or TimelineEvent.Kernel { Lines.Count: <= 1 })
            {
                if (!inTable)
                {
                    w.Blank();
                    w.Line("| time | where | what | faults (min/maj) | RSS |");
                    w.Line("|---:|---|---|---:|---:|");
                    inTable = true;
                }
                w.Line(e switch
                {
                    TimelineEvent.Statement s => Row(ReportText.Ms(s.TimeNs), ReportText.Where(s), Esc(ReportText.What(s)),
                        ReportText.Faults(s.MinFlt, s.MajFlt), ReportText.RssDelta(s.RssDeltaKb)),
                    TimelineEvent.Expect x => Row(ReportText.Ms(x.TimeNs), ReportText.Where(x), Esc(TimelineWriter.ExpectWhat(x)),
                        x.Result.Passed ? "ok" : "**FAILED**", x.Result.Passed ? "" : Esc("expected " + x.Result.Expected + ", actual " + x.Result.Actual)),
                    TimelineEvent.Omitted o => Row(ReportText.Ms(o.TimeNs), ReportText.Where(o), Esc(ReportText.Omitted(o)), "", ""),
                    TimelineEvent.Kernel k => Row(ReportText.Ms(k.TimeNs), ReportText.Where(k),
                        Esc(TimelineWriter.KernelWhat(k) + (k.Lines.Count > 0 ? " " + ReportText.OneLine(k.Lines[0]) : "")), "", ""),
                    _ => "",
                });
                continue;
            }
            inTable = false;
            w.Blank();
            switch (e)
            {
                case TimelineEvent.Note n:
                    w.Line("> **note** " + ReportText.Where(n) + " — " + Esc(n.Text));
                    break;
                case TimelineEvent.Snapshot s:
                    w.Line("### " + Esc(TimelineWriter.SnapshotTitle(s)));
                    w.Blank();
                    Code(w, s.Lines);
                    break;
                case TimelineEvent.Kernel k:
                    w.Line("**" + Esc(TimelineWriter.KernelWhat(k)) + "** at " + ReportText.Ms(k.TimeNs) + " (" + ReportText.Where(k) + ")");
                    w.Blank();
                    Code(w, k.Lines);
                    break;
            }
        }
    }

    private static void WriteSummary(LineWriter w, SimulationResult r)
    {
        w.Line("## End at " + ReportText.Ms(r.ElapsedNs));
        if (r.Processes.Count > 0)
        {
            w.Blank();
            w.Line("| " + string.Join(" | ", SummaryWriter.HeaderCells) + " |");
            w.Line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var p in r.Processes)
            {
                var cells = SummaryWriter.Cells(p);
                cells[0] = Esc(p.Name);
                w.Line("| " + string.Join(" | ", cells) + " |");
            }
        }
        w.Blank();
        if (r.Vmstat.Count > 0)
            w.Line("- **vmstat** " + Esc(ReportText.VmstatSummary(r.Vmstat)));
        foreach (var k in r.OomKills)
            w.Line("- **oom** " + Esc(ReportText.OomKill(k)));
        w.Line("- **checks** " + Esc(ReportText.ChecksSummary(r.SelfChecks)));
        if (r.Expectations.Count > 0)
        {
            w.Blank();
            w.Line("## Expectations");
            w.Blank();
            foreach (var e in r.Expectations)
                w.Line("- " + ReportText.Where(e) + " " + Esc(e.Text) + " — "
                    + e.Status switch
                    {
                        ExpectationStatus.Held => "ok",
                        ExpectationStatus.NotReached => "**NOT REACHED** " + Esc(e.NotReachedBecause),
                        _ => "**FAILED** " + Esc("expected " + e.Expected + ", actual " + e.Actual),
                    });
        }
        var stopped = ReportText.Stopped(r);
        if (stopped is not null)
        {
            w.Blank();
            w.Line("**" + Esc(stopped) + "**");
        }
    }

    private static string Esc(string? text) => MarkdownEscape.Text(text);

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static void Code(LineWriter w, IReadOnlyList<string> lines)
    {
        var fence = MarkdownEscape.Fence(lines);
        w.Line(fence + "text");
        foreach (var line in lines)
            w.Line(line);
        w.Line(fence);
    }
}
