using System.Globalization;
using MemScript.Runtime.Reporting.Charts;
using MemScript.Runtime.Reporting.Text;

namespace MemScript.Runtime.Reporting.Markdown;

/// <summary>
/// The sections the Markdown report shares with the HTML one: the charts
/// (image links to the SVG files written beside the report, when it is
/// written to a file), the textbook frame tables (one column per reference:
/// the frames after it, hit or fault, the page evicted) and the "why" of each
/// kind of event, with the OOM candidates' badness as a table.
/// </summary>
internal static class MarkdownStoryWriter
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void WriteCharts(LineWriter w, SimulationResult r, IReadOnlyDictionary<string, string>? files)
    {
        if (files is null || files.Count == 0)
            return;
        w.Blank();
        w.Line("## Charts");
        foreach (var chart in ReportCharts.For(r))
        {
            if (!files.TryGetValue(chart.Id, out var file))
                continue;
            w.Blank();
            w.Line("![" + MarkdownEscape.Text(chart.Caption) + "](" + Uri.EscapeDataString(file) + ")");
        }
    }

    public static void WriteFrameTables(LineWriter w, SimulationResult r)
    {
        foreach (var t in r.ReferenceTables)
        {
            w.Blank();
            w.Line("## Frames: " + MarkdownEscape.Text(ReportText.OneLine(t.Site.Text)) + " (reclaim " + MarkdownEscape.Text(t.Policy) + ", "
                + t.Frames.ToString(Ci) + " frames, " + ReportText.Where(t.Site, t.Who) + ")");
            w.Blank();
            w.Line("| reference | " + string.Join(" | ", t.Steps.Select(s => s.Page.ToString(Ci))) + " |");
            w.Line("|---|" + string.Concat(t.Steps.Select(_ => ":-:|")));
            for (var f = 0; f < t.Frames; f++)
                w.Line("| frame " + f.ToString(Ci) + " | " + string.Join(" | ", t.Steps.Select(s => s.Frames[f] is { } p
                    ? (p == s.Page && s.Outcome != ReferenceOutcome.Hit ? "**" + p.ToString(Ci) + "**" : p.ToString(Ci))
                    : "")) + " |");
            w.Line("| hit / fault | " + string.Join(" | ", t.Steps.Select(s => s.Outcome switch
            {
                ReferenceOutcome.Hit => "hit",
                ReferenceOutcome.MajorFault => "F (major)",
                _ => "F",
            })) + " |");
            w.Line("| evicted | " + string.Join(" | ", t.Steps.Select(s => s.Victim is { } v ? v.ToString(Ci) : "")) + " |");
            var faults = t.Steps.Count(s => s.Outcome != ReferenceOutcome.Hit);
            w.Blank();
            w.Line(faults.ToString(Ci) + " faults, " + (t.Steps.Count - faults).ToString(Ci) + " hits in " + t.Steps.Count.ToString(Ci) + " references"
                + (t.NotShown > 0 ? " (" + t.NotShown.ToString(Ci) + " more not shown)" : "") + "; the page brought in is in bold.");
        }
    }

    public static void WriteWhy(LineWriter w, SimulationResult r)
    {
        var whys = Explanations.For(r);
        if (whys.Count == 0)
            return;
        w.Blank();
        w.Line("## Why it happened");
        foreach (var why in whys)
        {
            w.Blank();
            w.Line("### " + MarkdownEscape.Text(why.Title));
            w.Blank();
            w.Line(MarkdownEscape.Text(why.Rule) + (why.FirstSeen is null ? "" : " First seen at " + MarkdownEscape.Text(why.FirstSeen) + ".")
                + " See [" + MarkdownEscape.Text(why.LinkText) + "](" + why.Link + ").");
            if (why.Candidates.Count == 0)
                continue;
            w.Blank();
            w.Line("| pid | process | rss pages | swap pages | page tables | oom_score_adj | badness |");
            w.Line("|---:|---|---:|---:|---:|---:|---:|");
            foreach (var c in why.Candidates)
            {
                var name = MarkdownEscape.Text(c.Name);
                var badness = c.Exempt ? "never chosen" : c.Badness.ToString(Ci);
                if (c.Chosen)
                    (name, badness) = ("**" + name + "** (killed)", "**" + badness + "**");
                w.Line("| " + c.Pid.ToString(Ci) + " | " + name + " | " + c.RssPages.ToString(Ci) + " | " + c.SwapPages.ToString(Ci) + " | "
                    + c.PageTablePages.ToString(Ci) + " | " + c.OomScoreAdj.ToString(Ci) + " | " + badness + " |");
            }
        }
    }
}
