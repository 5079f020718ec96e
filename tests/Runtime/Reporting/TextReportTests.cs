using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The text report, section by section, against the shape of REPORT-SKETCH.md.</summary>
public class TextReportTests
{
    private static string[] Lines(SimulationResult r) => ReportRenderer.Render(r, ReportFormat.Text).Split('\n');

    private static string[] Section(string[] lines, string first, int count)
    {
        int i = Array.FindIndex(lines, l => l.StartsWith(first, StringComparison.Ordinal));
        Assert.True(i >= 0, "no line starting with " + first);
        return lines[i..(i + count)];
    }

    [Fact]
    public void Header_PrintsTitleMachineWatermarksAndCosts_WrappedAt80()
    {
        var lines = Lines(SampleResults.LazyAllocation());

        Assert.Equal(
        [
            "MemScript 0.1 · scenario scenarios/lazy-allocation.mems",
            "machine  ram 64 MiB · swap 0 · page 4 KiB · reclaim linux · overcommit heuristic",
            "         watermarks min 256 low 320 high 384 pages · fault_around 64 KiB",
            "         readahead 128 KiB",
            "costs    tlb hit 4 ns · walk 20 ns · anon fault 1.6 us · zero-page fault 0.7 us",
            "         major 80 us",
            "",
        ], lines[..7]);
    }

    [Fact]
    public void Timeline_AlignsStatementColumns_AndWrapsNotesUnderTheirText()
    {
        var lines = Lines(SampleResults.LazyAllocation());

        Assert.Equal(
        [
            "timeline",
            "  time        where   what                             faults (min/maj)   RSS",
            "  0.000 ms    p:3     a = malloc 64K  (brk +132 KiB)    2 / 0             +8 kB",
            "  0.003 ms    p:4     touch a                          15 / 0             +60 kB",
            "  note  p:5   Anonymous memory is allocated on first write: 64 KiB is 17 pages",
            "              here because the block starts 672 bytes into the heap.",
            "",
        ], Section(lines, "timeline", 7));
    }

    [Fact]
    public void Statement_WithoutRssChange_LeavesRssBlank_AndNegativeChangeHasMinus()
    {
        var r = SampleResults.LazyAllocation(timeline:
        [
            new TimelineEvent.Statement(1_500_000, new Site(3, 3, "read a"), 100, "p", 0, 0, 0, null),
            new TimelineEvent.Statement(12_345_678, new Site(12, 3, "free a"), 100, "p", 0, 0, -4, "munmap"),
        ]);

        var rows = Section(Lines(r), "  1.500 ms", 2);

        Assert.Equal("  1.500 ms     p:3     read a             0 / 0", rows[0]);
        Assert.Equal("  12.346 ms    p:12    free a  (munmap)   0 / 0" + new string(' ', 14) + "-4 kB", rows[1]);
    }

    [Fact]
    public void Snapshots_ArePrintedUnindented_AsTheKernelAndToolsPrintThem()
    {
        var r = SampleResults.LazyAllocation(timeline:
        [
            new TimelineEvent.Snapshot(27_000, new Site(6, 3, "top"), "top", ["    PID USER", "    100 root"]),
            new TimelineEvent.Snapshot(27_000, new Site(7, 3, "maps"), "/proc/100/maps", SampleResults.Maps()),
            new TimelineEvent.Statement(30_000, new Site(9, 3, "touch b"), 100, "p", 1, 0, 4, null),
        ]);

        var lines = Lines(r);

        Assert.Equal(["", "top at 0.027 ms (p:6)", "    PID USER", "    100 root", "", "/proc/100/maps at 0.027 ms (p:7)"],
            Section(lines, "  time", 7)[1..]);
        Assert.Contains("7ffff7ff0000-7ffff7ff4000 rw-p 00000000 00:00 0 ", lines);
        Assert.Equal(["", "  0.030 ms    p:9     touch b   1 / 0" + new string(' ', 14) + "+4 kB"],
            Section(lines, "7ffff7ff0000", 3)[1..]);
    }

    [Fact]
    public void SnapshotTitle_ThatAlreadySaysWhen_IsPrintedAsGiven()
    {
        var r = SampleResults.LazyAllocation(timeline:
            [new TimelineEvent.Snapshot(27_000, new Site(6, 3, "free"), "free at 0.027 ms (p:6)", ["x"])]);

        var lines = Lines(r);

        Assert.Contains("free at 0.027 ms (p:6)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("(p:6) at", StringComparison.Ordinal));
    }

    [Fact]
    public void KernelEvent_PrintsItsFirstLineOnTheRow_ThenTheRestUnderTheWhatColumn()
    {
        var r = SampleResults.LazyAllocation(timeline:
        [
            new TimelineEvent.Kernel(2_000_000, Site.None, 101, "batch", ["invoked oom-killer", "Out of memory: Killed process 101 (batch)"]),
        ]);

        Assert.Equal(
        [
            "  2.000 ms    -       kernel: batch (pid 101) invoked oom-killer",
            "                        Out of memory: Killed process 101 (batch)",
        ], Section(Lines(r), "  2.000 ms", 2));
    }

    [Fact]
    public void EndSection_PrintsProcessTableVmstatChecksAndExpect()
    {
        var lines = Lines(SampleResults.LazyAllocation());

        Assert.Equal(
        [
            "end at 0.027 ms",
            "  process  pid  state  VIRT kB  RES kB  SHR kB  minflt  majflt  swap kB  oom_score",
            "  p        100  alive      344      68       0      17       0        0        666",
            "",
            "vmstat   pgfault 17 · pgmajfault 0 · pswpin 0 · pswpout 0 · oom_kill 0",
            "checks   frames conserved · content stamps intact",
            "expect   p:8  p.minflt == 17 ............ ok",
            "",
        ], Section(lines, "end at", 8));
    }

    [Fact]
    public void FailedExpect_ShowsExpectedAndActual_LeadersAligned()
    {
        var r = SampleResults.LazyAllocation(expectations:
        [
            SampleResults.Expect(8, "p.minflt == 17", true, "17", "17"),
            SampleResults.Expect(12, "p.VmRSS == 64 KiB", false, "68 kB", "64 kB"),
        ]);

        Assert.Equal(
        [
            "expect   p:8   p.minflt == 17 ........... ok",
            "         p:12  p.VmRSS == 64 KiB ........ FAILED  expected 64 kB, actual 68 kB",
        ], Section(Lines(r), "expect", 2));
    }

    [Fact]
    public void FailedSelfCheck_And_OomKill_AreReported()
    {
        var r = SampleResults.LazyAllocation(
            checks: [new SelfCheck("frames conserved", false, "16383 + 2 != 16384")],
            oomKills: [new OomKill(12_000_000, "batch", 101, 1234, 3)]);

        var lines = Lines(r);

        Assert.Contains("oom      12.000 ms  killed batch (pid 101), score 1234, 3 candidates", lines);
        Assert.Contains("checks   frames conserved FAILED (16383 + 2 != 16384)", lines);
    }

    [Fact]
    public void KernelPanicRun_EndsWithStoppedLine_SayingWhy()
    {
        var r = SampleResults.LazyAllocation(outcome: RunOutcome.KernelPanic, outcomeMessage: "Out of memory and no killable processes...");

        var text = ReportRenderer.Render(r, ReportFormat.Text);

        Assert.EndsWith("\n\nstopped: kernel panic: Out of memory and no killable processes...\n", text);
    }

    [Fact]
    public void CompletedRun_HasNoStoppedLine()
    {
        Assert.DoesNotContain("stopped:", ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Text));
    }

    [Fact]
    public void HeaderNotes_AreListedUnderTheHeader()
    {
        var r = SampleResults.LazyAllocation(headerNotes: [new Site(2, 1, "Lazy allocation, step by step.")]);

        Assert.Contains("note     line 2  Lazy allocation, step by step.", Lines(r));
    }

    [Fact]
    public void Text_UsesLfOnly_AndEndsWithOneNewline()
    {
        var text = ReportRenderer.Render(SampleResults.LazyAllocation(), ReportFormat.Text);

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("ok\n", text);
        Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal));
    }
}
