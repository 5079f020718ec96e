using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// khugepaged from the .mems text to the report, with the figures measured on
/// Linux 6.18 with THP <c>madvise</c> and khugepaged's defaults
/// (docs/probes/khugepaged.c): 8 MiB written in 4 KiB pages, then
/// <c>madvise hugepage</c>, is collapsed into 4 huge pages (AnonHugePages
/// 8192 kB, RSS unchanged); 8 MiB with one page written per 2 MiB is
/// collapsed too (max_ptes_none 511: Rss 16 kB to 8192 kB); a madvised 2 MiB
/// never touched has no PTE table and stays empty; thp_collapse_alloc and
/// pages_collapsed count 8 for the two regions, in one pass of 4096 PTEs.
/// </summary>
public sealed class KhugepagedTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("khugepaged.mems", text);

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.Single(c => c.Name == name).Value;

    private static List<string> KhugepagedLines(SimulationResult r) =>
        r.Timeline.OfType<TimelineEvent.Kernel>().SelectMany(k => k.Lines).Where(l => l.StartsWith("khugepaged:", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Written4KPages_ThenMadvised_AreCollapsed_AnonHugePagesUp_RssUnchanged_NoFault()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              touch a
              expect meminfo.AnonHugePages == 0
              expect p.RssAnon == 8M
              madvise a hugepage
              sleep 1s
              expect meminfo.AnonHugePages == 8M
              expect p.RssAnon == 8M
              expect p.minflt == 2048
            }
            """);

        Assert.Equal(4, Vmstat(r, "thp_collapse_alloc"));
        Assert.Equal(0, Vmstat(r, "thp_collapse_alloc_failed"));
        var line = Assert.Single(KhugepagedLines(r));
        Assert.Contains("collapsed 4 ranges of 2 MiB", line);
        Assert.Contains("0 empty PTEs filled", line);
        Assert.Contains("pages_collapsed 4", line);
    }

    [Fact]
    public void OnePagePer2MiB_IsCollapsed_FillingTheEmptyPtes_RssGrowsTo8MiB()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              write a[0..4K]
              write a[2M..2M + 4K]
              write a[4M..4M + 4K]
              write a[6M..6M + 4K]
              expect p.RssAnon == 16K
              madvise a hugepage
              c = mmap 2M
              madvise c hugepage
              sleep 1s
              expect p.RssAnon == 8M
              expect meminfo.AnonHugePages == 8M
              expect p.minflt == 4
            }
            """);

        Assert.Equal(4, Vmstat(r, "thp_collapse_alloc"));
        Assert.Contains("2044 empty PTEs filled", Assert.Single(KhugepagedLines(r)));
    }

    [Fact]
    public void TwoRegions_EightRanges_AreOnePassOf4096Ptes_PagesCollapsed8()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              b = mmap 8M
              touch a
              write b[0..4K]
              write b[2M..2M + 4K]
              write b[4M..4M + 4K]
              write b[6M..6M + 4K]
              madvise a hugepage
              madvise b hugepage
              sleep 30s
              expect meminfo.AnonHugePages == 16M
            }
            """);

        Assert.Equal(8, Vmstat(r, "thp_collapse_alloc"));
        var lines = KhugepagedLines(r);
        Assert.Contains("pages_collapsed 8", lines[^1]);
    }

    [Fact]
    public void AnUntouchedMadvisedRange_HasNoPteTable_AndStaysEmpty()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              c = mmap 2M
              madvise c hugepage
              sleep 30s
              expect meminfo.AnonHugePages == 0
              expect p.VmRSS == 0
            }
            """);

        Assert.Equal(0, Vmstat(r, "thp_collapse_alloc"));
        Assert.Empty(KhugepagedLines(r));
    }

    [Fact]
    public void ARangeWithATableButNoPage_ExceedsMaxPtesNone()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 2M
              write a[0..4K]
              madvise a[0..4K] dontneed
              madvise a hugepage
              sleep 1s
              expect meminfo.AnonHugePages == 0
            }
            """);

        Assert.Equal(1, Vmstat(r, "thp_scan_exceed_none_pte"));
        Assert.Equal(0, Vmstat(r, "thp_collapse_alloc"));
    }

    [Fact]
    public void PagesSharedWithAForkedChild_ExceedMaxPtesShared()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              touch a
              fork c {
                sleep 2s
              }
              madvise a hugepage
              sleep 1s
              expect meminfo.AnonHugePages == 0
            }
            """);

        Assert.Equal(4, Vmstat(r, "thp_scan_exceed_share_pte"));
        Assert.Equal(0, Vmstat(r, "thp_collapse_alloc"));
    }

    [Theory]
    [InlineData("thp madvise khugepaged off")]
    [InlineData("thp never")]
    public void WithoutKhugepaged_NothingIsCollapsed(string setting)
    {
        var r = Run($$"""
            machine { {{setting}} }
            process p {
              a = mmap 8M
              touch a
              madvise a hugepage
              sleep 30s
              expect meminfo.AnonHugePages == 0
            }
            """);

        Assert.Equal(0, Vmstat(r, "thp_collapse_alloc"));
        Assert.Empty(KhugepagedLines(r));
    }

    [Fact]
    public void Khugepaged_DoesNotKeepARunGoing()
    {
        var r = Run("""
            machine { thp madvise }
            process p {
              a = mmap 8M
              madvise a hugepage
              touch a
            }
            """);

        Assert.True(r.ElapsedNs < 1_000_000_000, r.ElapsedNs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
