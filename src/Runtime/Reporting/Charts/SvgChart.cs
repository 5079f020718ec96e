using System.Globalization;
using System.Text;
using MemScript.Runtime.Reporting.Html;

namespace MemScript.Runtime.Reporting.Charts;

/// <summary>
/// A line chart drawn as inline SVG by hand: a frame, x and y axes with
/// round-number ticks and their units, shaded spans (kswapd awake),
/// horizontal reference lines (the watermarks), one path per series (step
/// lines for rates, straight lines between samples for levels), and a legend. Deterministic
/// text: coordinates with one decimal, invariant culture, attributes in
/// alphabetical order, a stable id prefix. Every label is escaped.
/// </summary>
internal sealed class SvgChart(string id, string title, string xUnit, string yUnit)
{
    public const int Width = 640;
    public const int Height = 290;
    private const int Left = 64, Right = 16, Top = 66, Bottom = 46;

    private readonly List<(string Name, string Colour, bool Dashed, bool Step, IReadOnlyList<(double X, double Y)> Points)> _series = new();
    private readonly List<(string Name, string Colour, double Y)> _levels = new();
    private readonly List<(double From, double To)> _spans = new();
    private string? _spanName;
    private readonly List<(double X, string Label)> _markers = new();

    /// <summary>A moment marked by a vertical line and a label (an OOM kill).</summary>
    public void Marker(double x, string label) => _markers.Add((x, label));

    public double XMax { get; set; } = 1;

    /// <summary>
    /// A series: a level (memory) is drawn straight from sample to sample; a
    /// <paramref name="step"/> series (a rate over the interval after a sample)
    /// holds its value until the next sample.
    /// </summary>
    public void Series(string name, string colour, IReadOnlyList<(double X, double Y)> points, bool dashed = false, bool step = false) =>
        _series.Add((name, colour, dashed, step, points));

    public void Level(string name, string colour, double y) => _levels.Add((name, colour, y));

    public void Spans(string name, IReadOnlyList<(double From, double To)> spans)
    {
        if (spans.Count == 0)
            return;
        _spanName = name;
        _spans.AddRange(spans);
    }

    public string ToSvg(bool standalone = false)
    {
        var yMax = 0.0;
        foreach (var s in _series)
            foreach (var p in s.Points)
                yMax = Math.Max(yMax, p.Y);
        foreach (var l in _levels)
            yMax = Math.Max(yMax, l.Y);
        var yStep = NiceStep(yMax <= 0 ? 1 : yMax);
        var yTop = Math.Max(yStep, Math.Ceiling(yMax / yStep) * yStep);
        var xStep = NiceStep(XMax <= 0 ? 1 : XMax);
        var xTop = Math.Max(xStep, Math.Ceiling(XMax / xStep - 1e-9) * xStep);
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(double x) => Left + x / xTop * plotW;
        double Y(double y) => Top + plotH - y / yTop * plotH;

        var sb = new StringBuilder();
        sb.Append("<svg aria-labelledby=\"").Append(id).Append("-title\" class=\"chart\" id=\"").Append(id)
          .Append("\" role=\"img\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append(standalone ? "\" xmlns=\"http://www.w3.org/2000/svg\">\n" : "\">\n");
        sb.Append("<title id=\"").Append(id).Append("-title\">").Append(HtmlEscape.Text(title)).Append("</title>\n");
        sb.Append("<rect class=\"plot\" height=\"").Append(F(plotH)).Append("\" width=\"").Append(F(plotW)).Append("\" x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\"/>\n");
        foreach (var (from, to) in _spans)
        {
            var x0 = X(Math.Min(from, xTop));
            var x1 = Math.Max(X(Math.Min(to, xTop)), x0 + 1);
            sb.Append("<rect class=\"span\" height=\"").Append(F(plotH)).Append("\" width=\"").Append(F(x1 - x0)).Append("\" x=\"").Append(F(x0)).Append("\" y=\"").Append(Top).Append("\"/>\n");
        }
        for (var v = 0.0; v <= yTop + yStep / 2; v += yStep)
        {
            var y = Y(v);
            sb.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(F(Left + plotW)).Append("\" y1=\"").Append(F(y)).Append("\" y2=\"").Append(F(y)).Append("\"/>\n");
            sb.Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(Left - 6).Append("\" y=\"").Append(F(y + 4)).Append("\">").Append(Num(v)).Append("</text>\n");
        }
        for (var v = 0.0; v <= xTop + xStep / 2; v += xStep)
        {
            var x = X(v);
            sb.Append("<line class=\"grid\" x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(F(Top + plotH)).Append("\"/>\n");
            sb.Append("<text class=\"tick\" text-anchor=\"middle\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(Top + plotH + 16)).Append("\">").Append(Num(v)).Append("</text>\n");
        }
        sb.Append("<text class=\"unit\" text-anchor=\"middle\" x=\"").Append(F(Left + plotW / 2)).Append("\" y=\"").Append(Height - 8).Append("\">").Append(HtmlEscape.Text(xUnit)).Append("</text>\n");
        sb.Append("<text class=\"chart-title\" x=\"4\" y=\"16\">").Append(HtmlEscape.Text(title)).Append("</text>\n");
        sb.Append("<text class=\"unit\" text-anchor=\"start\" x=\"4\" y=\"").Append(Top - 8).Append("\">").Append(HtmlEscape.Text(yUnit)).Append("</text>\n");
        var labelX = Left + plotW - 4;
        foreach (var (name, colour, y) in _levels)
        {
            var yy = Y(y);
            sb.Append("<line class=\"level\" stroke=\"").Append(colour).Append("\" x1=\"").Append(Left).Append("\" x2=\"").Append(F(Left + plotW)).Append("\" y1=\"").Append(F(yy)).Append("\" y2=\"").Append(F(yy)).Append("\"/>\n");
            sb.Append("<text class=\"level-label\" fill=\"").Append(colour).Append("\" text-anchor=\"end\" x=\"").Append(F(labelX)).Append("\" y=\"").Append(F(yy - 3)).Append("\">").Append(HtmlEscape.Text(name)).Append("</text>\n");
            labelX -= 12 + name.Length * 6.6;   // side by side, never on top of each other
        }
        var placed = new List<(double X, double Width, int Row)>();
        foreach (var (mx, label) in _markers)
        {
            var x = X(Math.Min(mx, xTop));
            sb.Append("<line class=\"marker\" x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(F(Top + plotH)).Append("\"/>\n");
            var anchor = x > Left + plotW * 0.7 ? "end" : "start";

            // Labels of kills close in time go one under the other, never on top of each other.
            var width = label.Length * 6.6;
            var row = 0;
            while (placed.Exists(p => p.Row == row && Math.Abs(p.X - x) < Math.Max(p.Width, width) + 8))
            {
                row++;
            }

            placed.Add((x, width, row));
            sb.Append("<text class=\"marker-label\" text-anchor=\"").Append(anchor).Append("\" x=\"").Append(F(anchor == "end" ? x - 4 : x + 4)).Append("\" y=\"").Append(Top + 14 + (row * 14)).Append("\">").Append(HtmlEscape.Text(label)).Append("</text>\n");
        }
        foreach (var (_, colour, dashed, step, points) in _series)
        {
            sb.Append("<path class=\"").Append(dashed ? "line dashed" : "line").Append("\" d=\"");
            for (var i = 0; i < points.Count; i++)
            {
                var (px, py) = points[i];
                if (i == 0)
                    sb.Append('M').Append(F(X(px))).Append(' ').Append(F(Y(py)));
                else if (step)
                    sb.Append(" H").Append(F(X(px))).Append(" V").Append(F(Y(py)));
                else
                    sb.Append(" L").Append(F(X(px))).Append(' ').Append(F(Y(py)));
            }
            if (points.Count == 1)
                sb.Append(" H").Append(F(X(xTop)));
            sb.Append("\" stroke=\"").Append(colour).Append("\"/>\n");
        }
        Legend(sb);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private void Legend(StringBuilder sb)
    {
        double x = 4;
        void Item(string name, string swatch)
        {
            sb.Append(swatch.Replace("{x}", F(x)));
            sb.Append("<text class=\"legend\" x=\"").Append(F(x + 18)).Append("\" y=\"40\">").Append(HtmlEscape.Text(name)).Append("</text>\n");
            x += 30 + name.Length * 6.6;
        }
        foreach (var (name, colour, dashed, _, _) in _series)
            Item(name, "<line class=\"" + (dashed ? "line dashed" : "line") + "\" stroke=\"" + colour + "\" x1=\"{x}\" x2=\"" + F(x + 14) + "\" y1=\"36\" y2=\"36\"/>\n");
        if (_spanName != null)
            Item(_spanName, "<rect class=\"span\" height=\"10\" width=\"14\" x=\"{x}\" y=\"31\"/>\n");
    }

    /// <summary>1, 2 or 5 times a power of ten, giving about 5 ticks up to <paramref name="max"/>.</summary>
    private static double NiceStep(double max)
    {
        var raw = max / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    private static string F(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(double v)
    {
        var r = Math.Round(v, 6);
        return r.ToString(r >= 1000 ? "#,0" : "0.######", CultureInfo.InvariantCulture);
    }
}
