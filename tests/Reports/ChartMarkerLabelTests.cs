using System.Text.RegularExpressions;
using MemScript.Runtime.Reporting.Charts;

namespace MemScript.Tests.Reports;

/// <summary>
/// Two OOM kills in the same millisecond (a kill that did not free enough,
/// then the next victim) mark the charts at the same x: their labels go one
/// under the other instead of printing on top of each other; kills far apart
/// keep the first row.
/// </summary>
public sealed class ChartMarkerLabelTests
{
    private static int[] LabelRows(params (double X, string Label)[] markers)
    {
        var chart = new SvgChart("c", "t", "ms", "MiB") { XMax = 500 };
        chart.Series("free", "#000", [(0, 1), (500, 2)]);
        foreach (var (x, label) in markers)
            chart.Marker(x, label);
        return Regex.Matches(chart.ToSvg(), "class=\"marker-label\"[^>]* y=\"([0-9.]+)\"")
            .Select(m => (int)double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }

    [Fact]
    public void KillsAtTheSameMoment_LabelOneUnderTheOther()
    {
        var ys = LabelRows((500, "OOM kill: db"), (500, "OOM kill: web"), (500, "OOM kill: cron"));

        Assert.Equal(3, ys.Length);
        Assert.Equal(14, ys[1] - ys[0]);
        Assert.Equal(14, ys[2] - ys[1]);
    }

    [Fact]
    public void KillsFarApart_ShareTheFirstRow()
    {
        var ys = LabelRows((20, "OOM kill: db"), (480, "OOM kill: web"));

        Assert.Equal(2, ys.Length);
        Assert.Equal(ys[0], ys[1]);
    }
}
