using System.Globalization;
using System.Text;

namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// <see cref="TraceStats"/> as <c>memscript trace stats</c> prints it: the
/// counts, the stack-distance histogram and LRU's miss-ratio curve as text
/// tables, and the curve as a small SVG chart (miss ratio over cache size on
/// a log2 axis). Invariant culture; nothing depends on the clock.
/// </summary>
public static class TraceStatsReport
{
    public static string Text(TraceStats stats, string name, string format)
    {
        var w = new StringBuilder();
        w.Append(CultureInfo.InvariantCulture, $"trace         {name} ({format})\n");
        w.Append(CultureInfo.InvariantCulture, $"requests      {stats.Requests:N0}\n");
        w.Append(CultureInfo.InvariantCulture, $"unique pages  {stats.UniquePages:N0}\n");
        w.Append("\nreuse distance (distinct pages between two accesses to a page)\n");
        w.Append("  distance                         requests    share\n");
        for (var k = 0; k < stats.Buckets.Count; k++)
        {
            var label = k == 0 ? "0" : k == 1 ? "1" : $"{1L << (k - 1):N0}-{(1L << k) - 1:N0}";
            Row(w, label, stats.Buckets[k], stats.Requests);
        }

        Row(w, "first access", stats.UniquePages, stats.Requests);
        w.Append("\nLRU miss-ratio curve (one pass, by stack distance)\n");
        w.Append("  cache pages                        misses  miss ratio\n");
        foreach (var j in stats.CurveLog2Sizes())
        {
            var misses = stats.LruMisses(j);
            w.Append(CultureInfo.InvariantCulture, $"  {1L << j,-20:N0} {misses,20:N0}  {Ratio(misses, stats.Requests),10:F6}\n");
        }

        return w.ToString();
    }

    public static string Svg(TraceStats stats, string name)
    {
        const int width = 640, height = 360, left = 60, right = 20, top = 30, bottom = 50;
        var sizes = stats.CurveLog2Sizes();
        var maxLog = Math.Max(1, sizes.Count - 1);
        double X(int j) => left + (width - left - right) * (double)j / maxLog;
        double Y(double ratio) => top + (height - top - bottom) * (1 - ratio);
        var w = new StringBuilder();
        w.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        w.Append(CultureInfo.InvariantCulture, $"  <title>LRU miss-ratio curve of {Escape(name)}</title>\n");
        w.Append(CultureInfo.InvariantCulture, $"  <text x=\"{left}\" y=\"18\" font-size=\"13\">LRU miss ratio of {Escape(name)} ({stats.Requests:N0} requests, {stats.UniquePages:N0} pages)</text>\n");
        w.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{left}\" y1=\"{Y(0):F1}\" x2=\"{width - right}\" y2=\"{Y(0):F1}\" stroke=\"#444\"/>\n");
        w.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{left}\" y1=\"{Y(0):F1}\" x2=\"{left}\" y2=\"{Y(1):F1}\" stroke=\"#444\"/>\n");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            w.Append(CultureInfo.InvariantCulture, $"  <text x=\"{left - 6}\" y=\"{Y(tick) + 4:F1}\" text-anchor=\"end\">{tick:F2}</text>\n");
        var step = Math.Max(1, sizes.Count / 10);
        for (var i = 0; i < sizes.Count; i += step)
            w.Append(CultureInfo.InvariantCulture, $"  <text x=\"{X(sizes[i]):F1}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{Pages(1L << sizes[i])}</text>\n");
        w.Append(CultureInfo.InvariantCulture, $"  <text x=\"{(left + width - right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">cache size (pages, log scale)</text>\n");
        w.Append("  <polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
        foreach (var j in sizes)
            w.Append(CultureInfo.InvariantCulture, $"{X(j):F1},{Y(Ratio(stats.LruMisses(j), stats.Requests)):F1} ");
        w.Append("\"/>\n</svg>\n");
        return w.ToString();
    }

    private static void Row(StringBuilder w, string label, long count, long total) =>
        w.Append(CultureInfo.InvariantCulture, $"  {label,-24} {count,16:N0}  {100 * Ratio(count, total),6:F2}%\n");

    private static double Ratio(long part, long total) => total == 0 ? 0 : (double)part / total;

    private static string Pages(long n) => n >= 1 << 20 ? $"{n >> 20}M" : n >= 1 << 10 ? $"{n >> 10}K" : n.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
