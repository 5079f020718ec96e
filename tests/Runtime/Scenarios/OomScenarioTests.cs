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
        Assert.Matches(@"\(oom-killed(; ran in \d+ slices until [0-9.]+ ms)?\)", text);
        Assert.Matches(@"\n +\[  pid  \]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n", text);
        Assert.Contains(" Out of memory: Killed process 101 (hog) total-vm:", text);
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
        // Woken below low; by the time it runs, frees may have lifted the buddy lists above low.
        // The marks of DMA32 and DMA plus DMA's lowmem_reserve (48 pages): low 368, high 432 pages;
        // kswapd sleeps once one zone is above its high mark (DMA32: 288 pages; DMA: 96 + 48).
        Assert.Matches(@"^kswapd0 wakes: free \d+ kB < (low 1472|high 1728) kB$", lines[wake]);
        Assert.Matches(@"^kswapd0 sleeps: (DMA32 free \d+ kB > high 1152 kB|DMA free \d+ kB > high 384 \+ lowmem_reserve 192 kB); reclaimed \d+ pages, scanned \d+$", lines[wake + 1]);
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

        Assert.Contains("drop_caches: 1024 clean page-cache pages dropped (4 MiB); mapped and dirty pages stay", KernelLines(result));
    }

    [Fact]
    public void SysctlMinFreeKbytes_MovesTheWatermarks_KswapdWakesAgainstTheNewLow()
    {
        var result = TestScenario.Run(b =>
        {
            b.At(S(1), Ms, e => e.Sysctl(S(2, "sysctl vm.min_free_kbytes = 4096"), "vm.min_free_kbytes", 4096));
            b.At(S(3), 2 * Ms, e => e.Pressure(S(4, "pressure 59M"), 59 * M));
        });

        // min 1024 pages split DMA 256, DMA32 768; tmp = max(min / 4, managed * 10 / 10000): low
        // 320 + 960 = 1280 pages, plus DMA's lowmem_reserve of 48: 1328 pages (5312 kB).
        // 1280 pages stay free, 60 of them on the per-CPU list (out of MemFree): below the new low
        // (the default, 368 pages, would not wake it). 60M would leave 1024: below DMA32's min plus
        // DMA's min and reserve (768 + 256 + 48), so the kernel's own allocation finds no zone to
        // take its last 48 pages from and panics.
        Assert.Contains("kswapd0 wakes: free 4880 kB < low 5312 kB", KernelLines(result));
    }

    [Theory]
    [InlineData(OomMode.Modern, "young")]
    [InlineData(OomMode.Legacy, "old")]
    public void BigIdleOldProcess_VersusYoungGrowingOne_TheModeDecides(OomMode mode, string victim)
    {
        // old: 80 MiB mapped, 1 MiB resident (2.6.35 counted total_vm); young: what it touches is resident.
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 32 * M;
            b.Machine.Oom = mode;
            b.Machine.Overcommit = OvercommitMode.Always;
            b.Process(S(1), "old", ProcessOptions.Default with { User = "app" }, Old);
            b.Process(S(5), "young", ProcessOptions.Default with { User = "app", StartNs = 5 * Ms }, p => Touch(p, 64 * M, 6));
        });

        Assert.Equal(victim, result.OomKills[0].Victim);
        var lines = KernelLines(result);
        if (mode == OomMode.Legacy)
        {
            Assert.Contains(lines, l => l.StartsWith("Out of memory: kill process 100 (old) score ", StringComparison.Ordinal) && l.EndsWith(" or a child", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Killed process 100 (old) vsz:", StringComparison.Ordinal));
        }

        static IEnumerable<Op> Old(Proc p)
        {
            var a = p.Mmap(S(2, "a = mmap 80M"), 80 * M, MmapFlags.NoReserve);
            yield return Op.Next;
            yield return p.Access(S(3, "touch a[..1M]"), p.Slice(S(3), a, 0, M), AccessKind.Write, AccessPattern.Sequential, 1);
            yield return p.Sleep(S(4, "sleep"), 100 * Ms);
        }
    }

    [Fact]
    public void LegacyOomScores_ShowTheBadnessPoints()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Oom = OomMode.Legacy;
            b.Process(S(1), "p", ProcessOptions.Default with { User = "u" }, p => Touch(p, 4 * M));
            b.Expect(S(4), new Expectation.Field("p.oom_score > 1000", "p", ProcessField.oom_score, CompareOp.Gt, 1000));
        });

        var p = result.Processes.Single();
        Assert.Equal(p.VmSizeKb / 4, p.OomScore);
        Assert.True(Assert.Single(result.Expectations).Passed);
    }

    [Fact]
    public void Thrashing_ListsEightKswapdWakeUps_AndCountsTheRestInOneRow()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * M;
            b.Machine.Swap = 64 * M;
            b.Process(S(1), "a", ProcessOptions.Default, p => Loop(p, 1));
            b.Process(S(5), "b", ProcessOptions.Default, p => Loop(p, 5));
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var lines = KernelLines(result);
        Assert.Equal(8, lines.Count(l => l.StartsWith("kswapd0 wakes", StringComparison.Ordinal)));
        Assert.Matches(@"^kswapd0 woke \d+ more times \(not listed\): reclaimed \d+ pages, scanned \d+$", lines.Last(l => l.StartsWith("kswapd0", StringComparison.Ordinal)));
        Assert.True(result.Vmstat.Single(c => c.Name == "pswpout").Value > 0);

        static IEnumerable<Op> Loop(Proc p, int line)
        {
            var a = p.Mmap(S(line + 1, "a = mmap 10M"), 10 * M, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(S(line + 2, "write a"), a, AccessKind.Write, AccessPattern.Sequential, 6);
        }
    }

    [Fact]
    public void MmapPopulate_BeyondRam_KillsTheCaller_ItsRowSaysOomKilled_AndTheRestOfItsBodyDoesNotRun()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * M;
            b.Machine.Overcommit = OvercommitMode.Always;
            b.Process(S(1), "p", ProcessOptions.Default, Body);
        });

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var row = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Site.Line == 2);
        Assert.Equal("oom-killed", row.Detail);
        Assert.DoesNotContain(result.Timeline, e => e.Site.Line == 3);
        Assert.Equal(ProcessState.Killed, result.Processes.Single().State);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));

        static IEnumerable<Op> Body(Proc p)
        {
            p.Mmap(S(2, "a = mmap 32M populate"), 32 * M, MmapFlags.Populate);
            yield return Op.Next;
            p.Note(S(3), "not reached");
            yield return Op.Next;
        }
    }

    [Fact]
    public void Fork_OfAHugeParent_UnderPressure_LeavesTheSystemConsistent()
    {
        var result = TestScenario.Run(b =>
        {
            b.Machine.Ram = 16 * M;
            b.Process(S(1), "parent", ProcessOptions.Default, Body);
        });

        Assert.NotEqual(RunOutcome.InternalError, result.Outcome);
        Assert.All(result.SelfChecks, c => Assert.True(c.Ok, c.Detail));

        static IEnumerable<Op> Body(Proc p)
        {
            var a = p.Mmap(S(2, "a = mmap 12M"), 12 * M, MmapFlags.None);
            yield return Op.Next;
            yield return p.Access(S(3, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
            p.Fork(S(4, "fork child"), "child", ProcessOptions.Default, c => Child(c, a));
            yield return Op.Next;
        }

        static IEnumerable<Op> Child(Proc c, Region a)
        {
            yield return c.Access(S(5, "write a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
        }
    }

    [Fact]
    public void KillFromAnotherProcess_InTheMiddleOfAStatement_GivesItsRowDetailKilled()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "web", ProcessOptions.Default, p => Touch(p, 32 * M));
            b.Process(S(5), "admin", ProcessOptions.Default, Admin);
        });

        var row = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Site.Line == 3);
        Assert.Equal("killed", row.Detail);
        Assert.Equal("kill -9 100", result.Timeline.OfType<TimelineEvent.Statement>().Single(s => s.Site.Line == 7).Detail);
        Assert.Equal(ProcessState.Killed, result.Processes.Single(p => p.Name == "web").State);

        static IEnumerable<Op> Admin(Proc p)
        {
            yield return p.Sleep(S(6, "sleep 2ms"), 2 * Ms);
            p.Kill(S(7, "kill web"), "web");
            yield return Op.Next;
        }
    }
}
