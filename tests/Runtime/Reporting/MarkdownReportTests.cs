using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The Markdown report: headings, the timeline table, snapshots fenced, scenario text escaped.</summary>
public class MarkdownReportTests
{
    [Fact]
    public void Md_TimelineTable_HasOneRowPerStatement()
    {
        var md = ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Md);

        Assert.StartsWith("# MemScript 0.1 · scenario scenarios/lazy-allocation.mems\n", md);
        Assert.Contains("| time | where | what | faults (min/maj) | RSS |\n|---:|---|---|---:|---:|\n"
            + "| 0.000 ms | p:3 | a = malloc 64K  (brk +132 KiB) | 2 / 0 | +8 kB |\n"
            + "| 0.003 ms | p:4 | touch a | 15 / 0 | +60 kB |\n", md);
    }

    [Fact]
    public void Md_OneLineKernelEvent_IsATableRow_ALongerOneAFencedBlock()
    {
        var r = SampleResults.LazyAllocation(timeline:
        [
            new TimelineEvent.Kernel(0, Site.None, 100, "p", ["starts"]),
            new TimelineEvent.Kernel(5_000, new Site(4, 3, "touch a"), 100, "p", ["SIGSEGV at 0x0 (SEGV_MAPERR)", "killed by SIGSEGV"]),
        ]);

        var md = ReportRenderer.Render(r, ReportFormat.Md);

        Assert.Contains("| 0.000 ms | - | kernel: p (pid 100) starts |  |  |\n", md);
        Assert.Contains("```text\nSIGSEGV at 0x0 (SEGV_MAPERR)\nkilled by SIGSEGV\n```", md);
    }

    [Fact]
    public void Md_PipeInStatementText_DoesNotAddATableColumn()
    {
        var r = SampleResults.LazyAllocation(timeline:
            [new TimelineEvent.Statement(0, new Site(3, 3, "note \"a | b\""), 100, "p", 0, 0, 0, "x|y")]);

        var md = ReportRenderer.Render(r, ReportFormat.Md);
        var row = md.Split('\n').Single(l => l.StartsWith("| 0.000 ms", StringComparison.Ordinal));

        Assert.Equal("| 0.000 ms | p:3 | note \"a \\| b\"  (x\\|y) | 0 / 0 |  |", row);
        Assert.Equal(6, row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
    }

    [Fact]
    public void Md_Snapshot_IsAHeadingAndAFencedBlock_WithLinesUntouched()
    {
        var md = ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Md);

        Assert.Contains("### /proc/100/maps at 0.027 ms (p:7)\n\n```text\n555555554000-555555564000 r-xp 00000000 00:00 0"
            + new string(' ', 26) + "p\n", md);
    }

    [Fact]
    public void Md_SnapshotContainingBackticks_GetsALongerFence()
    {
        var r = SampleResults.LazyAllocation(timeline:
            [new TimelineEvent.Snapshot(0, new Site(2, 1, "status"), "status", ["a ``` b"])]);

        Assert.Contains("````text\na ``` b\n````\n", ReportRenderer.Render(r, ReportFormat.Md));
    }

    [Fact]
    public void Md_NoteWithHtml_IsEscaped()
    {
        var r = SampleResults.LazyAllocation(timeline: [new TimelineEvent.Note(0, new Site(4, 1, "note"), "<script>alert(1)</script>")]);

        var md = ReportRenderer.Render(r, ReportFormat.Md);

        Assert.Contains("> **note** p:4 — &lt;script&gt;alert(1)&lt;/script&gt;", md);
        Assert.DoesNotContain("<script>", md);
    }

    [Fact]
    public void Md_FailedExpectation_ShowsExpectedAndActual()
    {
        var r = SampleResults.LazyAllocation(expectations: [SampleResults.Expect(12, "p.VmRSS == 64 KiB", false, "68 kB", "64 kB")]);

        Assert.Contains("- p:12 p.VmRSS == 64 KiB — **FAILED** expected 64 kB, actual 68 kB\n", ReportRenderer.Render(r, ReportFormat.Md));
    }
}
