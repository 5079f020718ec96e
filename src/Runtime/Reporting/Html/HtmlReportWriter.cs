using MemScript.Runtime.Reporting.Text;

namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// The HTML report: one self-contained page (inline CSS, no script, no
/// external resource). The header as a definition list, the timeline as one
/// table whose statement rows carry time, where, what, faults and RSS; notes,
/// snapshots (a heading and a &lt;pre&gt; with the kernel's lines) and kernel
/// events span the table's width. Then the process table, vmstat, checks,
/// expectations and the outcome. Every string from the scenario or the run
/// is escaped with <see cref="HtmlEscape.Text"/>.
/// </summary>
internal static class HtmlReportWriter
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}" +
        "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;vertical-align:top}" +
        "td.n{text-align:right}tr.note td{color:#555;font-style:italic}" +
        "pre{background:#f6f6f6;padding:6px;margin:4px 0}.failed{color:#b00;font-weight:bold}.ok{color:#070}";

    public static string Write(SimulationResult r)
    {
        var w = new LineWriter();
        var title = HtmlEscape.Text(ReportText.Title(r));
        w.Line("<!DOCTYPE html>");
        w.Line("<html lang=\"en\">");
        w.Line("<head>");
        w.Line("<meta charset=\"utf-8\">");
        w.Line("<title>" + title + "</title>");
        w.Line("<style>" + Style + "</style>");
        w.Line("</head>");
        w.Line("<body>");
        w.Line("<h1>" + title + "</h1>");
        w.Line("<dl>");
        w.Line("<dt>machine</dt><dd>" + E(string.Join(" · ", ReportText.MachineItems(r.Machine))) + "</dd>");
        var costs = new List<string>();
        foreach (var c in r.Machine.Costs)
            costs.Add(ReportText.Setting(c));
        if (costs.Count > 0)
            w.Line("<dt>costs</dt><dd>" + E(string.Join(" · ", costs)) + "</dd>");
        foreach (var n in r.HeaderNotes)
            w.Line("<dt>note " + E(ReportText.Where(n)) + "</dt><dd>" + E(n.Text) + "</dd>");
        w.Line("</dl>");
        WriteTimeline(w, r.Timeline);
        WriteSummary(w, r);
        w.Line("</body>");
        w.Line("</html>");
        return w.ToString();
    }

    private static void WriteTimeline(LineWriter w, IReadOnlyList<TimelineEvent> timeline)
    {
        w.Line("<h2>Timeline</h2>");
        w.Line("<table class=\"timeline\">");
        w.Line("<tr><th>time</th><th>where</th><th>what</th><th>faults (min/maj)</th><th>RSS</th></tr>");
        foreach (var e in timeline)
        {
            switch (e)
            {
                case TimelineEvent.Statement s:
                    w.Line(Row(ReportText.Ms(s.TimeNs), ReportText.Where(s), ReportText.What(s),
                        ReportText.Faults(s.MinFlt, s.MajFlt), ReportText.RssDelta(s.RssDeltaKb)));
                    break;
                case TimelineEvent.Expect x:
                    w.Line("<tr><td>" + E(ReportText.Ms(x.TimeNs)) + "</td><td>" + E(ReportText.Where(x)) + "</td><td>"
                        + E(TimelineWriter.ExpectWhat(x)) + "</td><td colspan=\"2\">" + Verdict(x.Result) + "</td></tr>");
                    break;
                case TimelineEvent.Omitted o:
                    w.Line("<tr class=\"omitted\"><td>" + E(ReportText.Ms(o.TimeNs)) + "</td><td>" + E(ReportText.Where(o)) + "</td><td colspan=\"3\">"
                        + E(ReportText.Omitted(o)) + "</td></tr>");
                    break;
                case TimelineEvent.Note n:
                    w.Line("<tr class=\"note\"><td></td><td>" + E(ReportText.Where(n)) + "</td><td colspan=\"3\">" + E(n.Text) + "</td></tr>");
                    break;
                case TimelineEvent.Snapshot s:
                    w.Line("<tr class=\"snapshot\"><td colspan=\"5\"><h3>" + E(TimelineWriter.SnapshotTitle(s)) + "</h3>" + Pre(s.Lines) + "</td></tr>");
                    break;
                case TimelineEvent.Kernel k:
                    w.Line("<tr class=\"kernel\"><td>" + E(ReportText.Ms(k.TimeNs)) + "</td><td>" + E(ReportText.Where(k)) + "</td><td colspan=\"3\">"
                        + (k.Lines.Count <= 1
                            ? E(TimelineWriter.KernelWhat(k) + (k.Lines.Count == 1 ? " " + k.Lines[0] : ""))
                            : E(TimelineWriter.KernelWhat(k)) + Pre(k.Lines))
                        + "</td></tr>");
                    break;
            }
        }
        w.Line("</table>");
    }

    private static void WriteSummary(LineWriter w, SimulationResult r)
    {
        w.Line("<h2>End at " + E(ReportText.Ms(r.ElapsedNs)) + "</h2>");
        if (r.Processes.Count > 0)
        {
            w.Line("<table class=\"processes\">");
            w.Line("<tr>" + string.Concat(SummaryWriter.HeaderCells.Select(h => "<th>" + E(h) + "</th>")) + "</tr>");
            foreach (var p in r.Processes)
            {
                var cells = SummaryWriter.Cells(p);
                var row = "<tr>";
                for (int i = 0; i < cells.Length; i++)
                    row += (i == 0 || i == 2 ? "<td>" : "<td class=\"n\">") + E(cells[i]) + "</td>";
                w.Line(row + "</tr>");
            }
            w.Line("</table>");
        }
        w.Line("<dl>");
        if (r.Vmstat.Count > 0)
            w.Line("<dt>vmstat</dt><dd>" + E(ReportText.VmstatSummary(r.Vmstat)) + "</dd>");
        foreach (var k in r.OomKills)
            w.Line("<dt>oom</dt><dd>" + E(ReportText.OomKill(k)) + "</dd>");
        w.Line("<dt>checks</dt><dd>" + E(ReportText.ChecksSummary(r.SelfChecks)) + "</dd>");
        w.Line("</dl>");
        if (r.Expectations.Count > 0)
        {
            w.Line("<h2>Expectations</h2>");
            w.Line("<ul class=\"expectations\">");
            foreach (var e in r.Expectations)
                w.Line("<li>" + E(ReportText.Where(e)) + " " + E(e.Text) + " — " + Verdict(e) + "</li>");
            w.Line("</ul>");
        }
        var stopped = ReportText.Stopped(r);
        if (stopped is not null)
            w.Line("<p class=\"failed\">" + E(stopped) + "</p>");
    }

    private static string E(string? text) => HtmlEscape.Text(text);

    private static string Verdict(ExpectationResult e) =>
        e.Status switch
        {
            ExpectationStatus.Held => "<span class=\"ok\">ok</span>",
            ExpectationStatus.NotReached => "<span class=\"failed\">NOT REACHED</span> " + E(e.NotReachedBecause),
            _ => "<span class=\"failed\">FAILED</span> expected " + E(e.Expected) + ", actual " + E(e.Actual),
        };

    private static string Row(string time, string where, string what, string faults, string rss) =>
        "<tr><td>" + E(time) + "</td><td>" + E(where) + "</td><td>" + E(what) + "</td><td class=\"n\">" + E(faults) + "</td><td class=\"n\">" + E(rss) + "</td></tr>";

    /// <summary>Lines in a &lt;pre&gt;, escaped, joined with LF.</summary>
    private static string Pre(IReadOnlyList<string> lines) => "<pre>" + E(string.Join("\n", lines)) + "</pre>";
}
