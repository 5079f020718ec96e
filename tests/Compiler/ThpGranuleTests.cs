using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// Transparent huge pages with 16K and 64K base pages: the PMD-level page is
/// 32 MiB (order 11) with 16K and 512 MiB (order 13) with 64K, and arm64's
/// top buddy order follows the granule (arch/arm64/Kconfig ARCH_FORCE_MAX_ORDER:
/// 4K 10, 16K 11, 64K 13), so /proc/buddyinfo prints 11, 12 or 14 columns
/// (frag_show_print prints orders 0..MAX_PAGE_ORDER). HPAGE_PMD_NR is 2048 and
/// 8192 base pages; khugepaged's max_ptes_none default is HPAGE_PMD_NR - 1 and
/// its pages_to_scan 8 * HPAGE_PMD_NR.
/// </summary>
public sealed class ThpGranuleTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("thp-granule.mems", text);

    private static long Vmstat(SimulationResult r, string name) => r.Vmstat.SingleOrDefault(c => c.Name == name)?.Value ?? 0;

    private static string[] Snapshot(SimulationResult r, int line) =>
        [.. r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Site.Line == line).Lines];

    [Theory]
    [InlineData("4K", 32, 32)]
    [InlineData("16K", 2, 2)]
    [InlineData("64K", 1024, 0)]   // a 512 MiB PMD page does not fit in 64 MiB: one fault per 64 KiB page
    public void Writing64MiB_Madvised_TakesOneFaultPerPmdPage(string pageSize, int faults, int hugeFaults)
    {
        var r = Run($$"""
            machine {
              ram 1G
              page_size {{pageSize}}
              thp madvise
            }
            process p {
              a = mmap 64M
              madvise a hugepage
              write a
            }
            """);

        Assert.Equal(faults, CheckedRun.Row(r, 9).MinFlt);
        Assert.Equal(hugeFaults, Vmstat(r, "thp_fault_alloc"));
    }

    [Fact]
    public void SixteenK_64MiB_IsTwo32MiBPages_AnonHugePages_AndTheirDepositedTables()
    {
        var r = Run("""
            machine {
              ram 1G
              page_size 16K
              thp madvise
            }
            process p {
              a = mmap 64M
              madvise a hugepage
              write a
              expect meminfo.AnonHugePages == 64M
              expect p.RssAnon == 64M
              expect p.VmPTE == 64K
              munmap a[16K..32K]
              expect meminfo.AnonHugePages == 32M
              expect p.RssAnon == 65520K
            }
            """);

        // VmPTE: one PUD table, one PMD table and the two PTE tables deposited beside the huge PMDs, 16 KiB each.
        Assert.Equal(1, Vmstat(r, "thp_split_pmd"));
        Assert.Equal(5, r.Expectations.Count);
    }

    [Fact]
    public void SixtyFourK_1GiB_IsTwo512MiBPages()
    {
        var r = Run("""
            machine {
              ram 2G
              page_size 64K
              thp madvise
            }
            process p {
              a = mmap 1G
              madvise a hugepage
              write a
              expect meminfo.AnonHugePages == 1G
              expect p.VmPTE == 192K
            }
            """);

        // 3 levels with 64K: one PMD table and two deposited PTE tables of 64 KiB.
        Assert.Equal(2, CheckedRun.Row(r, 9).MinFlt);
        Assert.Equal(2, Vmstat(r, "thp_fault_alloc"));
    }

    [Theory]
    [InlineData("4K", 11)]
    [InlineData("16K", 12)]
    [InlineData("64K", 14)]
    public void Buddyinfo_HasAColumnPerOrderUpToTheGranulesTopOrder(string pageSize, int columns)
    {
        var r = Run($$"""
            machine {
              ram 2G
              page_size {{pageSize}}
            }
            process p {
              buddyinfo
            }
            """);

        var line = Snapshot(r, 6)[^1];
        var counts = line[(line.IndexOf("zone", StringComparison.Ordinal) + "zone".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(columns, counts.Length);
        Assert.EndsWith(" ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SixteenK_ReadMapsTheHugeZeroPage_ThenWriteTakesHugePages()
    {
        var r = Run("""
            machine {
              ram 1G
              page_size 16K
              thp madvise
            }
            process p {
              a = mmap 64M
              madvise a hugepage
              read a
              expect p.VmRSS == 0
              write a
              expect p.RssAnon == 64M
            }
            """);

        Assert.Equal(2, CheckedRun.Row(r, 9).MinFlt);
        Assert.Equal(2, CheckedRun.Row(r, 11).MinFlt);
        Assert.Equal(1, Vmstat(r, "thp_zero_page_alloc"));
    }

    [Fact]
    public void SixteenK_Khugepaged_Collapses32MiBRanges()
    {
        var r = Run("""
            machine {
              ram 1G
              page_size 16K
              thp madvise
            }
            process p {
              a = mmap 64M
              write a
              madvise a hugepage
              sleep 30s
              expect meminfo.AnonHugePages == 64M
              expect p.RssAnon == 64M
            }
            """);

        Assert.Equal(4096, CheckedRun.Row(r, 8).MinFlt);
        Assert.Equal(2, Vmstat(r, "thp_collapse_alloc"));
        var pass = r.Timeline.OfType<TimelineEvent.Kernel>().Single(k => string.Join(" ", k.Lines).Contains("khugepaged", StringComparison.Ordinal));
        Assert.Contains("collapsed 2 ranges of 32 MiB", string.Join(" ", pass.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void SixteenK_Khugepaged_FillsUpTo2047EmptyPtes()
    {
        // One 16 KiB page written in each 32 MiB range: 2047 empty PTEs, max_ptes_none's default (HPAGE_PMD_NR - 1).
        var r = Run("""
            machine {
              ram 1G
              page_size 16K
              thp madvise
            }
            process p {
              a = mmap 64M
              write a[0..16K]
              write a[32M..32M+16K]
              madvise a hugepage
              sleep 30s
              expect meminfo.AnonHugePages == 64M
            }
            """);

        Assert.Equal(2, Vmstat(r, "thp_collapse_alloc"));
    }

    [Theory]
    [InlineData("16K", "32M", "64M", "128M", "KernelPageSize:    32768 kB")]
    [InlineData("64K", "512M", "1G", "2G", "KernelPageSize:   524288 kB")]
    public void Hugetlb_DefaultSize_IsThePmdPage(string pageSize, string size, string two, string four, string kb)
    {
        var r = Run($$"""
            machine {
              ram 4G
              page_size {{pageSize}}
              hugepages 4
            }
            process p {
              expect meminfo.Hugepagesize == {{size}}
              h = mmap {{two}} huge
              write h
              expect meminfo.HugePages_Free == 2
              expect meminfo.Hugetlb == {{four}}
              smaps
            }
            """);

        Assert.Equal(2, CheckedRun.Row(r, 9).MinFlt);
        Assert.Contains(kb, Snapshot(r, 12));
    }
}
