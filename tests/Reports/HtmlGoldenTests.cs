namespace MemScript.Tests.Reports;

/// <summary>
/// The HTML reports of three scenarios are golden files
/// (tests/Reports/Golden/NAME.verified.html), reviewed as diffs: a change
/// to the page shows line by line. On a mismatch the new page is written
/// beside it as NAME.received.html; run with MEMSCRIPT_ACCEPT_HTML=1 to
/// accept it (never under CI).
/// </summary>
public class HtmlGoldenTests
{
    [Theory]
    [MemberData(nameof(HtmlReports.Scenarios), MemberType = typeof(HtmlReports))]
    public void HtmlReport_MatchesItsGoldenFile(string name)
    {
        var html = HtmlReports.Html(name);
        var verified = Path.Combine(HtmlReports.GoldenFolder, name + ".verified.html");
        var received = Path.Combine(HtmlReports.GoldenFolder, name + ".received.html");

        if (Environment.GetEnvironmentVariable("MEMSCRIPT_ACCEPT_HTML") == "1" && Environment.GetEnvironmentVariable("CI") is null or "")
            File.WriteAllText(verified, html);
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : "";
        if (expected == html)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, html);
        Assert.Fail($"{name}: the HTML report differs from {verified}; the new one is {received} (diff them; MEMSCRIPT_ACCEPT_HTML=1 dotnet test accepts it)");
    }

    [Theory]
    [MemberData(nameof(HtmlReports.Scenarios), MemberType = typeof(HtmlReports))]
    public void HtmlReport_IsSelfContained_AndHasNoClockOrRandomIds(string name)
    {
        var html = HtmlReports.Html(name);

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("\r", html);
        Assert.Equal(html, HtmlReports.Html(name));
    }
}
