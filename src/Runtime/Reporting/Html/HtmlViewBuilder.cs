using System.Globalization;
using MemScript.Runtime.Reporting.Charts;
using MemScript.Runtime.Reporting.Text;

namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// Builds the <see cref="HtmlView"/> of a run: the header, the verdict
/// badges, the charts (<see cref="ReportCharts"/>), the "why" of each kind of
/// event (<see cref="Explanations"/>), the textbook frame tables, the
/// timeline with one lane per process (at most <see cref="MaxLanes"/>; more
/// processes share one lane), its noise (kswapd's messages, unlisted runs)
/// folded, the OOM killer's block with the victim's lines marked, the
/// scenario's source with the lines the timeline links to, and the summary.
/// </summary>
internal static class HtmlViewBuilder
{
    public const int MaxLanes = 6;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static HtmlView Build(SimulationResult r, string? source, string css)
    {
        var lanes = Lanes(r, out var laneOf);
        var rows = Timeline(r, lanes.Count, laneOf);
        var charts = new List<ChartView>();
        foreach (var c in ReportCharts.For(r))
            charts.Add(new ChartView(c.Id, c.Caption, c.Svg, false));
        var referenced = new HashSet<int>();
        foreach (var e in r.Timeline)
            if (e.Site.Line > 0)
                referenced.Add(e.Site.Line);
        return new HtmlView(
            ReportText.Title(r), css,
            ReportText.MachineItems(r.Machine),
            r.Machine.Costs.Select(ReportText.Setting).ToList(),
            r.HeaderNotes.Select(n => new NoteView(ReportText.Where(n), ReportText.OneLine(n.Text))).ToList(),
            Badges(r),
            charts,
            Whys(r),
            FrameTables(r),
            lanes,
            lanes.Count + 2,
            lanes.Count + 4,
            rows,
            Source(source, referenced),
            source != null,
            Summary(r));
    }

    private static List<string> Lanes(SimulationResult r, out Dictionary<int, int> laneOf)
    {
        laneOf = new Dictionary<int, int>();
        var lanes = new List<string>();
        if (r.Processes.Count > MaxLanes)
        {
            lanes.Add("processes");
            foreach (var p in r.Processes)
                laneOf[p.Pid] = 0;
            return lanes;
        }
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in r.Processes)
            names[p.Name] = names.GetValueOrDefault(p.Name) + 1;
        foreach (var p in r.Processes)
        {
            laneOf[p.Pid] = lanes.Count;
            lanes.Add(names[p.Name] > 1 ? p.Name + "[" + p.Pid.ToString(Ci) + "]" : p.Name);
        }
        if (lanes.Count == 0)
            lanes.Add("process");
        return lanes;
    }

    private static List<BadgeView> Badges(SimulationResult r)
    {
        var badges = new List<BadgeView>();
        var held = r.Expectations.Count(e => e.Status == ExpectationStatus.Held);
        if (r.Expectations.Count > 0)
            badges.Add(held == r.Expectations.Count
                ? new BadgeView("good", N(held) + " of " + N(r.Expectations.Count) + " expectations held")
                : new BadgeView("bad", N(r.Expectations.Count - held) + " of " + N(r.Expectations.Count) + " expectations did not hold"));
        badges.Add(new BadgeView("info", "ran " + ReportText.Ms(r.ElapsedNs) + " of simulated time"));
        foreach (var c in r.Vmstat)
            if (c.Name is "pgfault" or "pgmajfault" or "pswpout")
                badges.Add(new BadgeView("info", c.Name + " " + N(c.Value)));
        foreach (var k in r.OomKills)
            badges.Add(new BadgeView("oom", "OOM killer: killed " + ReportText.OneLine(k.Victim) + " (pid " + N(k.Pid) + ") at " + ReportText.Ms(k.TimeNs)));
        var stopped = ReportText.Stopped(r);
        if (stopped != null)
            badges.Add(new BadgeView("bad", stopped));
        return badges;
    }

    private static List<WhyView> Whys(SimulationResult r)
    {
        var list = new List<WhyView>();
        foreach (var w in Explanations.For(r))
        {
            var candidates = w.Candidates.Select(c => new CandidateView(N(c.Pid), ReportText.OneLine(c.Name), N(c.RssPages), N(c.SwapPages), N(c.PageTablePages),
                N(c.OomScoreAdj), c.Exempt ? "never chosen" : N(c.Badness), c.Chosen ? "victim" : c.Exempt ? "exempt" : "")).ToList();
            list.Add(new WhyView("why-" + w.Kind, w.Title, w.Rule, w.Link, w.LinkText, w.FirstSeen, candidates.Count > 0, candidates));
        }
        return list;
    }

    private static List<FrameTableView> FrameTables(SimulationResult r)
    {
        var list = new List<FrameTableView>();
        for (var t = 0; t < r.ReferenceTables.Count; t++)
        {
            var table = r.ReferenceTables[t];
            var refs = new List<string>();
            var outcomes = new List<CellView>();
            var victims = new List<string>();
            var frames = new List<FrameRowView>();
            long faults = 0;
            foreach (var step in table.Steps)
            {
                refs.Add(N(step.Page));
                outcomes.Add(step.Outcome switch
                {
                    ReferenceOutcome.Hit => new CellView("hit", "hit"),
                    ReferenceOutcome.MajorFault => new CellView("F", "fault major"),
                    _ => new CellView("F", "fault"),
                });
                if (step.Outcome != ReferenceOutcome.Hit)
                    faults++;
                victims.Add(step.Victim is { } v ? N(v) : "");
            }
            for (var f = 0; f < table.Frames; f++)
            {
                var cells = new List<CellView>();
                foreach (var step in table.Steps)
                {
                    var page = step.Frames[f];
                    var isNew = page == step.Page && step.Outcome != ReferenceOutcome.Hit;
                    cells.Add(new CellView(page is { } p ? N(p) : "", isNew ? "new" : page == step.Page ? "used" : ""));
                }
                frames.Add(new FrameRowView("frame " + N(f), cells));
            }
            var where = ReportText.Where(table.Site, table.Who);
            var totals = N(faults) + " faults, " + N(table.Steps.Count - faults) + " hits in " + N(table.Steps.Count) + " references"
                + (table.NotShown > 0 ? " (" + N(table.NotShown) + " more references not shown)" : "");
            list.Add(new FrameTableView("frames-" + N(t + 1), ReportText.OneLine(table.Site.Text) + " — reclaim " + table.Policy + ", " + N(table.Frames) + " frames (" + where + ")",
                refs, frames, outcomes, victims, totals));
        }
        return list;
    }

    private static List<RowView> Timeline(SimulationResult r, int laneCount, Dictionary<int, int> laneOf)
    {
        var rows = new List<RowView>();
        var fold = new List<RowView>();
        var foldNames = "kswapd0";   // kswapd, runs not listed: on NUMA the folded lines may be any node's kswapd
        var id = 0;
        void Flush()
        {
            if (fold.Count == 0)
                return;
            if (fold.Count == 1)
                rows.Add(fold[0]);
            else
                rows.Add(new RowView("fold-" + N(rows.Count + 1), "fold", "", "", null)
                {
                    IsFold = true,
                    Summary = fold[0].Time + " – " + fold[^1].Time + ": " + N(fold.Count) + " kernel messages (" + foldNames + ", runs not listed)",
                    Folded = fold.ToList(),
                });
            fold.Clear();
        }
        foreach (var e in r.Timeline)
        {
            id++;
            var rowId = "t" + N(id);
            var time = ReportText.Ms(e.TimeNs);
            var where = ReportText.Where(e);
            var href = e.Site.Line > 0 ? "#L" + N(e.Site.Line) : null;
            RowView row;
            var noise = false;
            switch (e)
            {
                case TimelineEvent.Statement s:
                    var cells = new List<CellView>();
                    var lane = laneOf.GetValueOrDefault(s.Pid);
                    for (var i = 0; i < laneCount; i++)
                        cells.Add(i == lane ? new CellView(ReportText.What(s), "lane") : new CellView("", "lane empty"));
                    row = new RowView(rowId, s.MajFlt > 0 ? "stmt major" : "stmt", time, where, href)
                    {
                        IsStatement = true,
                        Cells = cells,
                        Faults = ReportText.Faults(s.MinFlt, s.MajFlt),
                        Rss = ReportText.RssDelta(s.RssDeltaKb),
                    };
                    break;
                case TimelineEvent.Expect x:
                    row = new RowView(rowId, "expect", time, where, href)
                    {
                        Wide = true,
                        Badge = "expect",
                        Text = TimelineWriter.ExpectWhat(x)["expect ".Length..],
                        Verdict = ReportText.Verdict(x.Result),
                        VerdictClass = x.Result.Passed ? "ok" : "failed",
                    };
                    break;
                case TimelineEvent.Omitted o:
                    row = new RowView(rowId, "omitted", time, where, href) { Wide = true, Badge = "…", Text = ReportText.Omitted(o) };
                    noise = true;
                    break;
                case TimelineEvent.Note n:
                    row = new RowView(rowId, "note", "", where, href) { Wide = true, Badge = "note", Text = ReportText.OneLine(n.Text) };
                    break;
                case TimelineEvent.Snapshot s:
                    row = new RowView(rowId, "snapshot", time, where, href)
                    {
                        Wide = true,
                        Badge = "report",
                        Text = TimelineWriter.SnapshotTitle(s),
                        HasBlock = true,
                        Block = s.Lines.Select(l => new CellView(l, "")).ToList(),
                    };
                    break;
                case TimelineEvent.Kernel k:
                    row = Kernel(r, k, rowId, time, where, href, out noise);
                    if (noise && k.Lines.Count > 0 && !k.Lines[0].StartsWith("kswapd0 ", StringComparison.Ordinal))
                        foldNames = "kswapd";
                    break;
                default:
                    continue;
            }
            if (noise)
            {
                fold.Add(row);
                continue;
            }
            Flush();
            rows.Add(row);
        }
        Flush();
        return rows;
    }

    private static RowView Kernel(SimulationResult r, TimelineEvent.Kernel k, string rowId, string time, string where, string? href, out bool noise)
    {
        var first = k.Lines.Count > 0 ? k.Lines[0] : "";
        noise = first.StartsWith(Sched.KswapdTask.Prefix, StringComparison.Ordinal);
        var oom = r.OomKills.FirstOrDefault(o => o.TimeNs == k.TimeNs && k.Lines.Any(l => l.Contains("oom-killer", StringComparison.Ordinal)));
        if (oom != null)
        {
            var pid = oom.Pid.ToString(Ci);
            var block = k.Lines.Select(l => new CellView(l,
                l.StartsWith("[" + pid.PadLeft(7) + "]", StringComparison.Ordinal) || l.Contains("Killed process " + pid + " ", StringComparison.Ordinal)
                || l.Contains(",pid=" + pid + ",", StringComparison.Ordinal) || l.StartsWith("Out of memory: kill process " + pid + " ", StringComparison.Ordinal)
                    ? "victim" : "")).ToList();
            return new RowView(rowId, "kernel oom", time, where, href)
            {
                Wide = true,
                Badge = "OOM kill",
                Text = "the OOM killer chose " + ReportText.OneLine(oom.Victim) + " (pid " + pid + "), score " + oom.Score.ToString(Ci) + " — the kernel's log:",
                HasBlock = true,
                Block = block,
            };
        }
        var what = k.Pid > 0 ? ReportText.OneLine(k.Process) + " (pid " + k.Pid.ToString(Ci) + ")" : "";
        var panic = first.StartsWith("Kernel panic", StringComparison.Ordinal);
        if (k.Lines.Count <= 1)
            return new RowView(rowId, panic ? "kernel panic" : noise ? "kernel kswapd" : "kernel", time, where, href)
            {
                Wide = true,
                Badge = panic ? "panic" : "kernel",
                Text = (what.Length > 0 && k.Lines.Count == 1 ? what + " " : what) + (k.Lines.Count == 1 ? first : ""),
            };
        return new RowView(rowId, "kernel", time, where, href)
        {
            Wide = true,
            Badge = "kernel",
            Text = what,
            HasBlock = true,
            Block = k.Lines.Select(l => new CellView(l, "")).ToList(),
        };
    }

    private static List<SourceLineView> Source(string? source, HashSet<int> referenced)
    {
        var list = new List<SourceLineView>();
        if (source == null)
            return list;
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var text = lines[i];
            var cls = referenced.Contains(i + 1) ? "ref" : text.TrimStart().StartsWith('#') ? "comment" : "";
            list.Add(new SourceLineView("L" + N(i + 1), N(i + 1), text.Replace('\t', ' '), cls));
        }
        return list;
    }

    private static SummaryView Summary(SimulationResult r)
    {
        var processes = new List<IReadOnlyList<CellView>>();
        foreach (var p in r.Processes)
        {
            var cells = SummaryWriter.Cells(p);
            processes.Add(cells.Select((c, i) => new CellView(c, i == 0 || i == 2 ? (i == 2 ? "state " + c : "") : "n")).ToList());
        }
        var vmstat = new List<CellView>();
        foreach (var c in r.Vmstat)
            if (ReportText.MainCounters.Contains(c.Name) || c.Value != 0)
                vmstat.Add(new CellView(c.Name, N(c.Value)));
        var checks = r.SelfChecks.Select(c => new CellView(c.Ok ? ReportText.OneLine(c.Name) : ReportText.OneLine(c.Name) + " FAILED" + (c.Detail is null ? "" : " (" + ReportText.OneLine(c.Detail) + ")"), c.Ok ? "ok" : "failed")).ToList();
        var expectations = r.Expectations.Select(e => new ExpectView(ReportText.Where(e), e.Site.Line > 0 ? "#L" + N(e.Site.Line) : null, ReportText.OneLine(e.Text),
            ReportText.Verdict(e), e.Status == ExpectationStatus.Held ? "ok" : "failed")).ToList();
        return new SummaryView("End at " + ReportText.Ms(r.ElapsedNs), SummaryWriter.HeaderCells, processes, vmstat,
            r.OomKills.Select(ReportText.OomKill).ToList(), checks, expectations, ReportText.Stopped(r));
    }

    private static string N(long v) => v.ToString(Ci);
}
