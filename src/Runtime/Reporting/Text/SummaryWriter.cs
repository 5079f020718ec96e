using System.Globalization;

namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The end of the text report:
/// <code>
/// end at 0.027 ms
///   process  pid  state  VIRT kB  RES kB  SHR kB  minflt  majflt  swap kB  oom_score
///   p        100  alive      344      68       0      17       0        0        666
///
/// vmstat   pgfault 17 · pgmajfault 0 · pswpin 0 · pswpout 0 · oom_kill 0
/// oom      12.000 ms  killed batch (pid 101), score 1234, 3 candidates
/// checks   frames conserved · content stamps intact
/// expect   p:8  p.minflt == 17 ............ ok
///
/// stopped: needs memory pressure support: ...
/// </code>
/// The process table: names and states left-aligned, numbers right-aligned
/// under their headers, two spaces between columns; SHR is RssFile +
/// RssShmem as top computes it. Expect lines carry dotted leaders to a
/// common column, then <c>ok</c> or <c>FAILED  expected X, actual Y</c>.
/// </summary>
internal static class SummaryWriter
{
    private static readonly string[] Headers = ["process", "pid", "state", "VIRT kB", "RES kB", "SHR kB", "minflt", "majflt", "swap kB", "oom_score"];

    /// <summary>Dotted leaders of the expect lines reach at least this column (counted after the label).</summary>
    public const int MinLeaderEnd = 32;

    public static void Write(LineWriter w, SimulationResult result)
    {
        w.Row("end at " + ReportText.Ms(result.ElapsedNs));
        if (result.Processes.Count > 0)
            WriteProcessTable(w, result.Processes);
        w.Blank();
        if (result.Vmstat.Count > 0)
            TextReportWriter.Labelled(w, "vmstat", ReportText.VmstatSummary(result.Vmstat).Split(" · "));
        for (int i = 0; i < result.OomKills.Count; i++)
            w.Row((i == 0 ? "oom" : "").PadRight(TextReportWriter.LabelWidth) + ReportText.OomKill(result.OomKills[i]));
        TextReportWriter.Labelled(w, "checks", [ReportText.ChecksSummary(result.SelfChecks)]);
        WriteExpectations(w, result.Expectations);
        var stopped = ReportText.Stopped(result);
        if (stopped is not null)
        {
            w.Blank();
            w.Row(stopped);
        }
    }

    /// <summary>The cells of one process row, in <see cref="Headers"/> order.</summary>
    public static string[] Cells(ProcessSummary p)
    {
        var ci = CultureInfo.InvariantCulture;
        return
        [
            ReportText.OneLine(p.Name), p.Pid.ToString(ci), ReportText.State(p.State),
            p.VmSizeKb.ToString(ci), p.VmRssKb.ToString(ci), (p.RssFileKb + p.RssShmemKb).ToString(ci),
            p.MinFlt.ToString(ci), p.MajFlt.ToString(ci), p.VmSwapKb.ToString(ci), p.OomScore.ToString(ci),
        ];
    }

    /// <summary>The header cells of the process table.</summary>
    public static IReadOnlyList<string> HeaderCells => Headers;

    private static void WriteProcessTable(LineWriter w, IReadOnlyList<ProcessSummary> processes)
    {
        var rows = new List<string[]> { Headers };
        foreach (var p in processes)
            rows.Add(Cells(p));
        var widths = new int[Headers.Length];
        foreach (var row in rows)
            for (int c = 0; c < row.Length; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in rows)
        {
            var line = " ";
            for (int c = 0; c < row.Length; c++)
            {
                bool left = c == 0 || c == 2;
                line += " " + (left ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c])) + (c < row.Length - 1 ? " " : "");
            }
            w.Row(line);
        }
    }

    private static void WriteExpectations(LineWriter w, IReadOnlyList<ExpectationResult> expectations)
    {
        if (expectations.Count == 0)
            return;
        int whereWidth = 0, leftWidth = 0;
        foreach (var e in expectations)
            whereWidth = Math.Max(whereWidth, ReportText.Where(e).Length);
        foreach (var e in expectations)
            leftWidth = Math.Max(leftWidth, whereWidth + 2 + ReportText.OneLine(e.Text).Length);
        int leaderEnd = Math.Max(leftWidth + 5, MinLeaderEnd);
        for (int i = 0; i < expectations.Count; i++)
        {
            var e = expectations[i];
            var left = ReportText.Where(e).PadRight(whereWidth) + "  " + ReportText.OneLine(e.Text);
            var dots = new string('.', leaderEnd - left.Length - 1);
            w.Row((i == 0 ? "expect" : "").PadRight(TextReportWriter.LabelWidth) + left + " " + dots + " " + ReportText.Verdict(e));
        }
    }
}
