using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// Transparent huge pages from the .mems text to the report, with the figures
/// measured on Linux 6.18 with THP <c>madvise</c> (docs/probes/thp.c): 8 MiB of
/// 2 MiB-aligned anonymous memory with <c>madvise hugepage</c> costs 4 faults.
/// </summary>
public sealed class ThpStatementTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("thp.mems", text);

    private static TimelineEvent.Statement Row(SimulationResult r, int line) => CheckedRun.Row(r, line);

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.Single(c => c.Name == name).Value;

    [Fact]
    public void Madvised8MiB_WrittenPageByPage_Is4Faults_AndAMunmapOf4KSplitsOnePmd()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              madvise a hugepage
              touch a
              expect meminfo.AnonHugePages == 8M
              expect p.RssAnon == 8M
              expect p.VmPTE == 24K
              munmap a[8K..12K]
              expect meminfo.AnonHugePages == 6M
              expect p.RssAnon == 8188K
            }
            """);

        Assert.Equal(4, Row(r, 5).MinFlt);
        Assert.Equal(4, Vmstat(r, "thp_fault_alloc"));
        Assert.Equal(1, Vmstat(r, "thp_split_pmd"));
        Assert.Equal(5, r.Expectations.Count);
    }

    [Fact]
    public void Madvised8MiB_ReadFirst_MapsTheHugeZeroPage_ThenWrittenIs4MoreFaults()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              madvise a hugepage
              read a
              expect p.VmRSS == 0
              write a
              expect p.RssAnon == 8M
            }
            """);

        Assert.Equal(4, Row(r, 5).MinFlt);
        Assert.Equal(4, Row(r, 7).MinFlt);
        Assert.Equal(1, Vmstat(r, "thp_zero_page_alloc"));
        Assert.Equal(4, Vmstat(r, "thp_fault_alloc"));
    }

    [Fact]
    public void Without_Madvise_UnderThpMadvise_8MiB_Is2048Faults()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              touch a
              expect meminfo.AnonHugePages == 0
            }
            """);

        Assert.Equal(2048, Row(r, 4).MinFlt);
        Assert.Equal(0, Vmstat(r, "thp_fault_alloc"));
    }

    [Fact]
    public void ThpAlways_Needs_NoMadvise_AndNohugepageRefusesIt()
    {
        var r = Run("""
            machine { thp always }
            process p {
              a = mmap 8M
              touch a
              b = mmap 4M
              madvise b nohugepage
              touch b
            }
            """);

        Assert.Equal(4, Row(r, 4).MinFlt);
        Assert.Equal(1024, Row(r, 7).MinFlt);
    }

    [Fact]
    public void ForkedHugePage_AWriteInTheChild_SplitsItsPmd_AndCopiesOneSmallPage()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              madvise a hugepage
              touch a
              fork c {
                write a[4K..8K]
                expect c.minflt == 1
                expect c.RssAnon == 8M
                expect vmstat.thp_split_pmd == 1
                expect meminfo.AnonHugePages == 8M
              }
            }
            """);

        Assert.Equal(1, Row(r, 7).MinFlt);
    }

    [Fact]
    public void RandomReadsOver1GiB_WithThp_MissTheTlbAFractionAsOften()
    {
        const string body = """
            process p {
              a = mmap 1G
              madvise a hugepage
              touch a
              read a random 200000 seed 1
            }
            """;
        var small = Run("machine { ram 2G; thp never }\n" + body);
        var huge = Run("machine { ram 2G; thp madvise }\n" + body);

        var smallMisses = small.Processes.Single().Tlb.DtlbLoadMisses;
        var hugeMisses = huge.Processes.Single().Tlb.DtlbLoadMisses;
        Assert.Equal(200_000, small.Processes.Single().Tlb.DtlbLoads);
        Assert.True(hugeMisses * 10 < smallMisses, $"THP {hugeMisses} misses, 4K {smallMisses}");
    }

    [Fact]
    public void PerfStatement_PrintsPerfStatsLayout()
    {
        var r = Run("""
            process p {
              a = mmap 64K
              touch a
              read a
              perf
            }
            """);

        var lines = r.Timeline.OfType<TimelineEvent.Snapshot>().Single().Lines;
        Assert.Equal(" Performance counter stats for process id '100':", lines[0]);
        Assert.Equal("                16      page-faults", lines[2]);
        Assert.Equal("                16      dTLB-loads", lines[5]);
        Assert.Equal("                 0      dTLB-load-misses                 #    0.00% of all dTLB cache accesses", lines[6]);
        Assert.Equal("                16      dTLB-stores", lines[7]);
        Assert.Equal("                16      dTLB-store-misses", lines[8]);
    }
}

/// <summary>Huge pages under reclaim, dontneed and mprotect; context switches without PCIDs.</summary>
public sealed class ThpEdgeTests
{
    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("thp.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var r = Simulator.Run(compiled.Scenario!);
        Assert.Equal(RunOutcome.Completed, r.Outcome);
        Assert.All(r.Expectations, e => Assert.True(e.Passed, e.Text + ": " + e.Actual));
        Assert.All(r.SelfChecks, c => Assert.True(c.Ok, c.Detail));
        return r;
    }

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.Single(c => c.Name == name).Value;

    [Fact]
    public void Reclaim_SplitsAHugePage_BeforeSwappingIt_AndTheDataComesBack()
    {
        var r = Run("""
            machine { ram 32M; swap 64M; thp always }
            process p {
              a = mmap 24M
              touch a
              b = mmap 24M
              touch b
              read a
            }
            """);

        Assert.True(Vmstat(r, "thp_split_page") > 0);
        Assert.True(Vmstat(r, "pswpout") > 0);
    }

    [Fact]
    public void DontneedOfAWhole2MiB_FreesTheHugePageAndItsTable_PartOfOneSplitsIt()
    {
        var r = Run("""
            machine { thp always }
            process p {
              a = mmap 8M
              touch a
              madvise a[..2M] dontneed
              expect meminfo.AnonHugePages == 6M
              expect p.VmPTE == 20K
              madvise a[2M..2M + 4K] dontneed
              expect meminfo.AnonHugePages == 4M
              expect p.RssAnon == 6140K
              mprotect a[4M..6M] read
              expect meminfo.AnonHugePages == 4M
              read a[4M..6M]
            }
            """);

        Assert.Equal(1, Vmstat(r, "thp_split_pmd"));
    }

    [Fact]
    public void PcidOff_EveryContextSwitch_EmptiesTheIncomingTlb()
    {
        const string body = """
            process a {
              r = mmap 64K
              touch r
              read r times 2000
            }
            process b {
              r = mmap 64K
              touch r
              read r times 2000
            }
            """;
        var kept = Run("machine { pcid on; quantum 10us }\n" + body);
        var flushed = Run("machine { pcid off; quantum 10us }\n" + body);

        Assert.Equal(0, kept.Processes[0].Tlb.DtlbLoadMisses);
        Assert.True(flushed.Processes[0].Tlb.DtlbLoadMisses > 100, flushed.Processes[0].Tlb.DtlbLoadMisses.ToString());
        Assert.True(flushed.Processes[0].Tlb.TlbFlushes > 10, flushed.Processes[0].Tlb.TlbFlushes.ToString());
    }
}
