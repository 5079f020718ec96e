using System.Text.RegularExpressions;

namespace MemScript.Tests.Reports;

/// <summary>
/// The HTML reports in a real browser (headless Chromium): each page loads
/// without a console message (the page has no script, so any message is an
/// error: a resource it tried to load, a parse failure), every chart's SVG
/// holds a drawn path, and the first screen at 1366×768 is not blank. The
/// checker itself is tested on a page that does log an error, so it can fail.
/// </summary>
public partial class BrowserTests
{
    [ChromiumFact]
    public void Reports_LoadWithoutConsoleErrors_ChartsHavePaths_FirstScreenIsNotBlank()
    {
        var folder = Directory.CreateTempSubdirectory("memscript-html-");
        try
        {
            foreach (var name in HtmlReports.Names)
            {
                var file = Path.Combine(folder.FullName, name + ".html");
                File.WriteAllText(file, HtmlReports.Html(name));

                var (dom, console) = Chromium.DumpDom(file);
                Assert.True(console.Count == 0, name + ": console messages: " + string.Join(" | ", console));
                Assert.Contains("id=\"timeline\"", dom);
                var charts = ChartSvg().Matches(dom);
                Assert.True(charts.Count >= 3, name + ": " + charts.Count + " charts in the DOM");
                foreach (Match chart in charts)
                    Assert.True(DrawnPath().IsMatch(chart.Value), name + ": a chart without a drawn path: " + chart.Value[..Math.Min(120, chart.Value.Length)]);

                var (width, height, colours) = PngImage.DistinctColours(Chromium.Screenshot(file, Path.Combine(folder.FullName, name + ".png")));
                Assert.Equal((1366, 768), (width, height));
                Assert.True(colours > 8, name + ": the first screen has " + colours + " colours");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [ChromiumFact]
    public void ConsoleCheck_SeesAnError_AndABlankScreenIsOneColour()
    {
        var folder = Directory.CreateTempSubdirectory("memscript-html-");
        try
        {
            var bad = Path.Combine(folder.FullName, "bad.html");
            File.WriteAllText(bad, "<!DOCTYPE html><html><body style=\"background:#fff\"><script>console.error('broken chart');</script></body></html>\n");

            var (_, console) = Chromium.DumpDom(bad);
            var (_, _, colours) = PngImage.DistinctColours(Chromium.Screenshot(bad, Path.Combine(folder.FullName, "bad.png")));

            Assert.Contains(console, l => l.Contains("broken chart", StringComparison.Ordinal));
            Assert.Equal(1, colours);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<svg[^>]*class=\"chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ChartSvg();

    /// <summary>A path whose d draws at least one segment after its move.</summary>
    [GeneratedRegex("<path[^>]* d=\"M[0-9.]+ [0-9.]+ [HVL][^\"]+\"")]
    private static partial Regex DrawnPath();
}
