using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The HTML report: one self-contained page, every scenario string escaped, the source linked from the timeline.</summary>
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

        Assert.Contains("<span class=\"tag\">kernel</span> &lt;p&gt; (pid 100) starts</td>", html);
        Assert.Contains("<span class=\"tag\">kernel</span> p (pid 100)<pre class=\"log\"><span class=\"\">SIGSEGV at 0x0</span>\n<span class=\"\">killed &lt;now&gt;</span>\n</pre>", html);
    }

    [Fact]
    public void Html_IsSelfContained_AndSnapshotsArePre()
    {
        var html = ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", html);
        Assert.EndsWith("</body>\n</html>\n", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("\n\n", html);
        Assert.Contains("<span class=\"tag\">report</span> /proc/100/maps at 0.027 ms (p:7)<pre class=\"log\"><span class=\"\">555555554000-555555564000 r-xp", html);
    }

    [Fact]
    public void Html_ProcessNameAndPath_AreEscaped()
    {
        var r = SampleResults.LazyAllocation(processes: [SampleResults.Process("a<b")]) with { SourcePath = "x\"&<y>.mems" };

        var html = ReportRenderer.Render(r, ReportFormat.Html);

        Assert.Contains("<td class=\"\">a&lt;b</td>", html);
        Assert.Contains("<title>MemScript 0.1 · scenario x&quot;&amp;&lt;y&gt;.mems</title>", html);
    }

    [Fact]
    public void Html_StoppedRun_SaysWhy()
    {
        var r = SampleResults.LazyAllocation(outcome: RunOutcome.KernelPanic, outcomeMessage: "Out of memory and no killable processes...");

        Assert.Contains("<p class=\"stopped\">stopped: kernel panic: Out of memory and no killable processes...</p>",
            ReportRenderer.Render(r, ReportFormat.Html));
    }

    [Fact]
    public void Html_SourceLines_HaveIds_AndTimelineRowsLinkToThem()
    {
        var r = SampleResults.LazyAllocation();

        var html = ReportRenderer.Render(r, ReportFormat.Html, "machine { ram 64M }\n<x>\nprocess p {\n  a = malloc 64K\n  touch a\n}\n");

        Assert.Contains("<span class=\"line \" id=\"L2\"><span class=\"ln\">2</span>&lt;x&gt;</span>", html);
        Assert.Contains("<a href=\"#L4\">p:4</a>", html);
    }

    [Fact]
    public void Html_SameResult_SameBytes()
    {
        var r = SampleResults.LazyAllocation();

        Assert.Equal(ReportRenderer.Render(r, ReportFormat.Html, "x"), ReportRenderer.Render(r, ReportFormat.Html, "x"));
    }
}
