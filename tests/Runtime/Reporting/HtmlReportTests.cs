using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The HTML report: one self-contained page, every scenario string escaped.</summary>
public class HtmlReportTests
{
    [Fact]
    public void Html_NoteWithScriptTag_IsEscaped()
    {
        var r = SampleResults.LazyAllocation(
            timeline: [new TimelineEvent.Note(0, new Site(4, 1, "note"), "<script>alert('x')</script> & more")],
            headerNotes: [new Site(2, 1, "<b>bold</b>")]);

        var html = ReportRenderer.Render(r, ReportFormat.Html);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public void Html_OneLineKernelEvent_IsText_ALongerOneIsPre_BothEscaped()
    {
        var r = SampleResults.LazyAllocation(timeline:
        [
            new TimelineEvent.Kernel(0, Site.None, 100, "<p>", ["starts"]),
            new TimelineEvent.Kernel(5_000, Site.None, 100, "p", ["SIGSEGV at 0x0", "killed <now>"]),
        ]);

        var html = ReportRenderer.Render(r, ReportFormat.Html);

        Assert.Contains("<td colspan=\"3\">kernel: &lt;p&gt; (pid 100) starts</td>", html);
        Assert.Contains("<td colspan=\"3\">kernel: p (pid 100)<pre>SIGSEGV at 0x0\nkilled &lt;now&gt;</pre></td>", html);
    }

    [Fact]
    public void Html_IsSelfContained_AndSnapshotsArePre()
    {
        var html = ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", html);
        Assert.EndsWith("</body>\n</html>\n", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("<h3>/proc/100/maps at 0.027 ms (p:7)</h3><pre>555555554000-555555564000 r-xp", html);
    }

    [Fact]
    public void Html_ProcessNameAndPath_AreEscaped()
    {
        var r = SampleResults.LazyAllocation(processes: [SampleResults.Process("a<b")]) with { SourcePath = "x\"&<y>.mems" };

        var html = ReportRenderer.Render(r, ReportFormat.Html);

        Assert.Contains("<td>a&lt;b</td>", html);
        Assert.Contains("<title>MemScript 0.1 · scenario x&quot;&amp;&lt;y&gt;.mems</title>", html);
    }

    [Fact]
    public void Html_StoppedRun_SaysWhy()
    {
        var r = SampleResults.LazyAllocation(outcome: RunOutcome.KernelPanic, outcomeMessage: "Out of memory and no killable processes...");

        Assert.Contains("<p class=\"failed\">stopped: kernel panic: Out of memory and no killable processes...</p>",
            ReportRenderer.Render(r, ReportFormat.Html));
    }
}
