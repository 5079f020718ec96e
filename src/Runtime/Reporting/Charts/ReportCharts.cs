using System.Globalization;

namespace MemScript.Runtime.Reporting.Charts;

/// <summary>
/// The report's charts, from the run's <see cref="ChartSeries"/>:
/// <list type="bullet">
/// <item><c>memory</c>: free memory against the min/low/high watermarks, kswapd's awake spans shaded;</item>
/// <item><c>faults</c>: minor and major faults and pswpin/pswpout per millisecond between samples;</item>
/// <item><c>rss-PID</c> (<c>rss-others</c>): one per process lane, RssAnon, RssFile, RssShmem and VmSwap.</item>
/// </list>
/// Memory in MiB when the largest value reaches 4 MiB, else kB; time in ms.
/// Each chart is a <see cref="Chart"/>: a stable id, a caption, the SVG.
/// </summary>
internal static class ReportCharts
{
    public sealed record Chart(string Id, string Caption, string Svg, string StandaloneSvg);

    private const string Anon = "#1f77b4", File = "#2ca02c", Shmem = "#9467bd", Swap = "#d62728";
    private const string Free = "#1f77b4", Min = "#d62728", Low = "#ff7f0e", High = "#2ca02c";
    private const string Minor = "#1f77b4", Major = "#d62728", SwapIn = "#9467bd", SwapOut = "#ff7f0e";

    public static IReadOnlyList<Chart> For(SimulationResult result)
    {
        var s = result.Series;
        var charts = new List<Chart>();
        if (s.Samples.Count == 0)
            return charts;
        var xMax = Math.Max(Ms(result.ElapsedNs), Ms(s.Samples[^1].TimeNs));
        charts.Add(Memory(s, xMax, result.OomKills));
        charts.Add(Faults(s, xMax, result.OomKills));
        foreach (var lane in s.Processes)
            charts.Add(Rss(s, lane, xMax, result.OomKills));
        return charts;
    }

    private static void Mark(SvgChart chart, IReadOnlyList<OomKill> kills)
    {
        foreach (var k in kills)
            chart.Marker(Ms(k.TimeNs), "OOM kill: " + ReportText.OneLine(k.Victim));
    }

    private static Chart Memory(ChartSeries s, double xMax, IReadOnlyList<OomKill> kills)
    {
        long top = 0;
        foreach (var p in s.Samples)
            top = Math.Max(top, Math.Max(p.FreeKb, p.HighKb));
        var (div, unit) = Scale(top);
        var chart = new SvgChart("chart-memory", "Free memory and the watermarks", "simulated time (ms)", "free memory (" + unit + ")") { XMax = xMax };
        chart.Series("free", Free, Points(s, p => p.FreeKb / div));
        var last = s.Samples[^1];
        if (last.HighKb > 0)
        {
            chart.Level("high " + Size(last.HighKb), High, last.HighKb / div);
            chart.Level("low " + Size(last.LowKb), Low, last.LowKb / div);
            chart.Level("min " + Size(last.MinKb), Min, last.MinKb / div);
        }
        var spans = new List<(double, double)>();
        var threads = new SortedSet<int>();
        foreach (var span in s.KswapdSpans)
        {
            spans.Add((Ms(span.StartNs), Ms(span.EndNs)));
            threads.Add(span.Node);
        }
        var awake = threads.Count <= 1 ? "kswapd" + (threads.Count == 0 ? 0 : threads.Min).ToString(CultureInfo.InvariantCulture) + " awake"
            : string.Join(", ", threads.Select(n => "kswapd" + n.ToString(CultureInfo.InvariantCulture))) + " awake";
        chart.Spans(awake, spans);
        Mark(chart, kills);
        return Make(chart, "chart-memory", "Free memory against the zone watermarks; shaded: " + awake);
    }

    private static Chart Faults(ChartSeries s, double xMax, IReadOnlyList<OomKill> kills)
    {
        var chart = new SvgChart("chart-faults", "Faults and swap per millisecond", "simulated time (ms)", "events per ms") { XMax = xMax };
        chart.Series("minor faults", Minor, Rate(s, p => p.MinorFaults), step: true);
        chart.Series("major faults", Major, Rate(s, p => p.MajorFaults), step: true);
        chart.Series("pswpin", SwapIn, Rate(s, p => p.Pswpin), dashed: true, step: true);
        chart.Series("pswpout", SwapOut, Rate(s, p => p.Pswpout), dashed: true, step: true);
        Mark(chart, kills);
        return Make(chart, "chart-faults", "Minor and major faults, pages swapped in and out, per ms of simulated time");
    }

    private static Chart Rss(ChartSeries s, ProcessSeries lane, double xMax, IReadOnlyList<OomKill> kills)
    {
        long top = 0;
        foreach (var p in lane.Samples)
            top = Math.Max(top, Math.Max(p.AnonKb + p.FileKb + p.ShmemKb, p.SwapKb));
        var (div, unit) = Scale(top);
        var name = lane.Others > 0
            ? "others (" + lane.Others.ToString(CultureInfo.InvariantCulture) + " processes, summed)"
            : lane.Name + " (pid " + lane.Pid.ToString(CultureInfo.InvariantCulture) + ")";
        var id = lane.Others > 0 ? "chart-rss-others" : "chart-rss-" + lane.Pid.ToString(CultureInfo.InvariantCulture);
        var chart = new SvgChart(id, "Memory of " + name, "simulated time (ms)", "kB".Equals(unit, StringComparison.Ordinal) ? "RSS and swap (kB)" : "RSS and swap (MiB)") { XMax = xMax };
        chart.Series("RssAnon", Anon, LanePoints(s, lane, p => p.AnonKb / div));
        chart.Series("RssFile", File, LanePoints(s, lane, p => p.FileKb / div));
        chart.Series("RssShmem", Shmem, LanePoints(s, lane, p => p.ShmemKb / div));
        chart.Series("VmSwap", Swap, LanePoints(s, lane, p => p.SwapKb / div), dashed: true);
        Mark(chart, kills);
        return Make(chart, id, "RssAnon, RssFile, RssShmem and VmSwap of " + name);
    }

    private static Chart Make(SvgChart chart, string id, string caption) => new(id, caption, chart.ToSvg(), chart.ToSvg(standalone: true));

    private static List<(double, double)> Points(ChartSeries s, Func<SeriesSample, double> value)
    {
        var points = new List<(double, double)>(s.Samples.Count);
        foreach (var p in s.Samples)
            points.Add((Ms(p.TimeNs), value(p)));
        return points;
    }

    private static List<(double, double)> LanePoints(ChartSeries s, ProcessSeries lane, Func<ProcessSample, double> value)
    {
        var points = new List<(double, double)>(s.Samples.Count);
        for (var i = 0; i < s.Samples.Count; i++)
            points.Add((Ms(s.Samples[i].TimeNs), value(lane.Samples[i])));
        return points;
    }

    /// <summary>Increase of a counter per ms between two samples, held from the earlier one.</summary>
    private static List<(double, double)> Rate(ChartSeries s, Func<SeriesSample, long> counter)
    {
        var points = new List<(double, double)>(s.Samples.Count);
        for (var i = 0; i < s.Samples.Count; i++)
        {
            var t = Ms(s.Samples[i].TimeNs);
            if (i + 1 < s.Samples.Count && s.Samples[i + 1].TimeNs > s.Samples[i].TimeNs)
            {
                var dt = Ms(s.Samples[i + 1].TimeNs) - t;
                points.Add((t, (counter(s.Samples[i + 1]) - counter(s.Samples[i])) / dt));
            }
            else
                points.Add((t, 0));
        }
        return points;
    }

    private static (double Div, string Unit) Scale(long maxKb) => maxKb >= 4096 ? (1024.0, "MiB") : (1.0, "kB");

    private static string Size(long kb) => kb >= 4096 && kb % 1024 == 0
        ? (kb / 1024).ToString(CultureInfo.InvariantCulture) + " MiB"
        : kb.ToString(CultureInfo.InvariantCulture) + " kB";

    private static double Ms(long ns) => ns / 1e6;
}
