using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>Memory pressure as a run shows it: OOM kills in the timeline and results, kswapd's lines, at-events under pressure.</summary>
public class OomScenarioTests
{
    private const ulong M = 1024 * 1024;
    private const long Ms = 1_000_000;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Touch(Proc p, ulong bytes, int line = 2)
    {
        var a = p.Mmap(S(line, "a = mmap"), bytes, MmapFlags.NoReserve);
        yield return Op.Next;
        yield return p.Access(S(line + 1, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    private static IEnumerable<Op> TouchThenSleep(Proc p, ulong bytes, long sleepNs)
    {
        var a = p.Mmap(S(2, "a = mmap"), bytes, MmapFlags.NoReserve);
        yield return Op.Next;
        yield return p.Access(S(3, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
        yield return p.Sleep(S(4, "sleep"), sleepNs);
    }

    private static List<string> KernelLines(SimulationResult r) =>
        r.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines).ToList();

    [Fact]
    public void Hog_IsOomKilled_TheSmallProcessLivesOn_AndTheReportSaysSo()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 32 * M;
            b.Process(S(1), "small", ProcessOptions.Default, p => TouchThenSleep(p, 2 * M, 50 * Ms));
            b.Process(S(5), "hog", ProcessOptions.Default, p => Touch(p, 64 * M, 6));
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(ProcessState.Alive, result.Processes.Single(p => p.Name == "small").State);
        Assert.Equal(ProcessState.Killed, result.Processes.Single(p => p.Name == "hog").State);
        var kill = Assert.Single(result.OomKills);
        Assert.Equal(("hog", 101, 2), (kill.Victim, kill.Pid, kill.Candidates));
        Assert.Contains(KernelLines(result), l => l.StartsWith("Out of memory: Killed process 101 (hog) total-vm:", StringComparison.Ordinal));
        var text = ReportRenderer.Render(result, ReportFormat.Text);
        Assert.Contains("killed hog (pid 101), score " + kill.Score, text);
        Assert.Contains("(oom-killed)", text);
        var json = ReportRenderer.Render(result, ReportFormat.Json);
        Assert.Contains("\"oom_kills\"", json);
        Assert.Contains("\"hog\"", json);
    }

    [Fact]
    public void ProtectedLargest_IsSpared_TheNextIsKilled()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 32 * M;
            b.Process(S(1), "db", ProcessOptions.Default with { OomScoreAdj = -1000 }, p => TouchThenSleep(p, 20 * M, 50 * Ms));
            b.Process(S(5), "worker", ProcessOptions.Default, p => Touch(p, 64 * M, 6));
        });

        Assert.Equal(ProcessState.Alive, result.Processes.Single(p => p.Name == "db").State);
        Assert.Equal("worker", Assert.Single(result.OomKills).Victim);
    }

    [Fact]
    public void PressureAtEvent_KillsTheLargestProcess_ToGetItsFrames()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 32 * M;
            b.Process(S(1), "app", ProcessOptions.Default, p => TouchThenSleep(p, 20 * M, 50 * Ms));
            b.At(S(8), 10 * Ms, e => e.Pressure(S(9, "pressure 24M"), 24 * M));
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal("app", Assert.Single(result.OomKills).Victim);
        Assert.Contains(KernelLines(result), l => l.StartsWith("kworker/0:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)", StringComparison.Ordinal));
        Assert.Contains(KernelLines(result), l => l.StartsWith("pressure: the kernel pins 24 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public void KswapdWakes_BelowLow_AndSleeps_AtHigh_WhileCacheIsReclaimed()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Swap = 64 * M;
            b.File(S(1), "data", 40 * M, cached: true, dirty: false);
            b.Process(S(2), "reader", ProcessOptions.Default, Read);
            b.Process(S(6), "hog", ProcessOptions.Default with { StartNs = 2 * Ms }, p => Touch(p, 40 * M, 7));
        });

        var lines = KernelLines(result);
        var wake = lines.FindIndex(l => l.StartsWith("kswapd0 wakes: free ", StringComparison.Ordinal));
        Assert.True(wake >= 0, string.Join("\n", lines));
        Assert.Matches(@"^kswapd0 wakes: free \d+ kB < low 1280 kB$", lines[wake]);
        Assert.Matches(@"^kswapd0 sleeps: free \d+ kB >= high 1536 kB; reclaimed \d+ pages, scanned \d+$", lines[wake + 1]);
        Assert.True(result.Vmstat.Single(c => c.Name == "pgsteal_kswapd").Value > 0);
        Assert.True(lines.Count(l => l.StartsWith("kswapd0 wakes", StringComparison.Ordinal)) <= 8);

        static IEnumerable<Op> Read(Proc p)
        {
            var d = p.MmapFile(S(3, "d = mmap file"), "data", MmapFlags.None, null, null);
            yield return Op.Next;
            yield return p.Access(S(4, "read d"), d, AccessKind.Read, AccessPattern.Sequential, 1);
            yield return p.Sleep(S(5, "sleep"), 5 * Ms);
        }
    }

    [Fact]
    public void KillEvent_InTheMiddleOfAStatement_GivesItsRowDetailKilled()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "web", ProcessOptions.Default, p => Touch(p, 32 * M));
            b.At(S(5), 1 * Ms, e => e.Kill(S(6, "kill web"), "web"));
        });

        var row = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Site.Line == 3);
        Assert.Equal("killed", row.Detail);
        Assert.True(row.MinFlt > 0);
        Assert.Equal(ProcessState.Killed, result.Processes.Single().State);
    }

    [Fact]
    public void DropCaches_SaysHowMuchWasDropped()
    {
        var result = TestScenario.Run(b =>
        {
            b.File(S(1), "data", 4 * M, cached: true, dirty: false);
            b.At(S(2), Ms, e => e.DropCaches(S(3, "drop_caches")));
        });

        Assert.Contains("drop_caches: 1024 clean page-cache pages dropped (4 MiB)", KernelLines(result));
    }

    [Fact]
    public void SysctlMinFreeKbytes_MovesTheWatermarks_KswapdWakesAgainstTheNewLow()
    {
        var result = TestScenario.Run(b =>
        {
            b.At(S(1), Ms, e => e.Sysctl(S(2, "sysctl vm.min_free_kbytes = 4096"), "vm.min_free_kbytes", 4096));
            b.At(S(3), 2 * Ms, e => e.Pressure(S(4, "pressure 60M"), 60 * M));
        });

        // min 1024 pages, tmp = max(1024 / 4, 16384 * 10 / 10000) = 256: low 1280 pages.
        // 1024 pages stay free: below the new low (the default low, 320 pages, would not wake it).
        Assert.Contains("kswapd0 wakes: free 4096 kB < low 5120 kB", KernelLines(result));
    }
}
