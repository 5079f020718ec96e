using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Reports;

/// <summary>
/// What the runtime records for the charts and the frame tables, checked
/// against the figures the text report and the model give: RSS steps of
/// lazy allocation, kswapd's spans, the bound on samples over a long run,
/// the textbook LRU table (Silberschatz: 12 faults), and the OOM killer's
/// weighing (MODEL.md 7).
/// </summary>
public class ChartSeriesTests
{
    [Fact]
    public void LazyAllocation_RssSeries_EndsAt68kB_AfterSteppingThrough8()
    {
        var s = HtmlReports.Run("lazy-allocation").Series;

        var p = Assert.Single(s.Processes);
        Assert.Equal("p", p.Name);
        Assert.Equal(s.Samples.Count, p.Samples.Count);
        Assert.Contains(p.Samples, x => x.AnonKb == 8);   // after malloc: two chunk headers
        Assert.Equal(68, p.Samples.Max(x => x.RssKb));     // after touch: VmRSS 68 kB
        Assert.Equal(17, s.Samples[^1].MinorFaults);
        Assert.True(s.Samples.Zip(s.Samples.Skip(1)).All(x => x.First.TimeNs < x.Second.TimeNs), "sample times increase");
    }

    [Fact]
    public void Kswapd_IsAwakeInSpans_AndFreeMemoryDipsBelowLow()
    {
        var s = HtmlReports.Run("kswapd").Series;

        Assert.NotEmpty(s.KswapdSpans);
        Assert.All(s.KswapdSpans, span => Assert.True(span.EndNs >= span.StartNs));
        Assert.Equal(1280, s.Samples[^1].LowKb);   // 64 MiB: low 320 pages
        Assert.Contains(s.Samples, x => x.LowestFreeKb < x.HighKb);
    }

    [Fact]
    public void LongRun_KeepsAtMost512Samples_AndDoublesItsInterval()
    {
        const string text = "machine { ram 64M }\nprocess p {\n  a = mmap 4M\n  repeat 3000 { touch a; sleep 1ms }\n}\n";
        var compiled = ScenarioCompiler.Compile(new CompileRequest("long.mems", text), CompileOptions.NoCache);
        Assert.NotNull(compiled.Scenario);

        var r = Simulator.Run(compiled.Scenario);

        Assert.True(r.ElapsedNs > 3_000_000_000L, "ran 3 s");
        Assert.InRange(r.Series.Samples.Count, ChartSeries.MaxSamples / 2, ChartSeries.MaxSamples);
        Assert.True(r.Series.IntervalNs >= 4_000_000, "interval " + r.Series.IntervalNs);
        Assert.Equal(r.ElapsedNs, r.Series.Samples[^1].TimeNs);
    }

    [Fact]
    public void TextbookLru_FrameTable_IsSilberschatzs()
    {
        var table = Assert.Single(HtmlReports.Run("textbook-lru").ReferenceTables);

        Assert.Equal("lru", table.Policy);
        Assert.Equal(3, table.Frames);
        Assert.Equal([7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1], table.Steps.Select(s => s.Page));
        Assert.Equal(12, table.Steps.Count(s => s.Outcome != ReferenceOutcome.Hit));
        Assert.Equal([7, 1, 2, 3, 0, 4, 0, 3, 2], table.Steps.Where(s => s.Victim != null).Select(s => s.Victim!.Value));
        Assert.Equal([2, 0, 1], table.Steps[3].Frames);   // 2 replaces 7 in the first frame
    }

    [Fact]
    public void OomKill_Ranking_HasEachCandidatesBadness_TheVictimHighest()
    {
        var kill = Assert.Single(HtmlReports.Run("oom-protected-service").OomKills);

        var web = kill.Ranking.Single(c => c.Name == "web");
        var batch = kill.Ranking.Single(c => c.Name == "batch");
        Assert.True(batch.Chosen);
        Assert.False(web.Chosen);
        // totalpages = 16384 (64 MiB, no swap): adj -500 takes 500 * (16384 / 1000) = 8000 pages off.
        Assert.Equal(web.RssPages + web.SwapPages + web.PageTablePages - 8000, web.Badness);
        Assert.Equal(batch.RssPages + batch.SwapPages + batch.PageTablePages, batch.Badness);
        Assert.True(batch.Badness > web.Badness);
    }
}
