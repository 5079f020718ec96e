using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Geometry;

/// <summary>
/// The same program with 4 KiB, 16 KiB and 64 KiB base pages, against the
/// kernel's geometry for each granule. arm64 (arch/arm64/include/asm/pgtable-hwdef.h,
/// Documentation/arch/arm64/memory.rst, 48-bit VA): a table is one page of
/// 8-byte entries, PTRS_PER_PTE = PAGE_SIZE / 8 (512, 2048, 8192), so one PTE
/// table maps 2 MiB, 32 MiB or 512 MiB; 4 levels for 4K and 16K, 3 for 64K.
/// mm/memory.c: fault_around_bytes is 64 KiB, fault_around_pages =
/// fault_around_bytes >> PAGE_SHIFT (16, 4, 1: no fault-around with 64 KiB pages).
/// glibc sysmalloc rounds brk growth to GLRO(dl_pagesize).
/// </summary>
public sealed class PageSizeTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("geometry.mems", text);

    private static TimelineEvent.Statement Row(SimulationResult r, int line) => CheckedRun.Row(r, line);

    [Theory]
    [InlineData("4K", 16384)]
    [InlineData("16K", 4096)]
    [InlineData("64K", 1024)]
    public void Writing64MiB_CostsOneFaultPerBasePage(string pageSize, int faults)
    {
        var r = Run($$"""
            machine { ram 256M; page_size {{pageSize}} }
            process p {
              a = mmap 64M
              write a
              expect p.minflt == {{faults}}
              expect p.RssAnon == 64M
            }
            """);

        Assert.Equal(faults, Row(r, 4).MinFlt);
    }

    [Theory]
    [InlineData("4K", "4K + 4K + 4K", "4K + 4K + 512K")]    // PUD, PMD, then 256 MiB / 2 MiB = 128 PTE tables of 4 KiB (512 KiB)
    [InlineData("16K", "16K + 16K + 16K", "16K + 16K + 128K")] // PUD, PMD, then 256 MiB / 32 MiB = 8 PTE tables of 16 KiB (128 KiB)
    [InlineData("64K", "64K + 64K", "64K + 64K")]                // PMD, then one PTE table: 256 MiB inside one 512 MiB span
    public void Touching256MiB_TakesThePteTablesOfTheGranule(string pageSize, string first, string all)
    {
        Run($$"""
            machine { ram 1G; page_size {{pageSize}} }
            process p {
              r = mmap 256M
              touch r[..4K]
              expect p.VmPTE == {{first}}
              touch r
              expect p.VmPTE == {{all}}
              expect p.VmRSS == 256M
            }
            """);
    }

    [Theory]
    [InlineData("4K", 32)]    // 2 MiB, 2 MiB-aligned (a private mapping of a 2 MiB multiple): 512 pages / 16
    [InlineData("16K", 33)]   // 128 pages from 0x7ffff7dfc000: 3 pages into a 4-page window, so 33 windows
    [InlineData("64K", 32)]   // 32 pages, fault_around_pages 1: one fault each
    public void ReadingAWarmFile_FaultsAroundSixtyFourKiB(string pageSize, int faults)
    {
        var r = Run($$"""
            machine { ram 256M; page_size {{pageSize}} }
            file "w.dat" size 2M cached
            process p {
              f = mmap file "w.dat"
              read f
              expect p.minflt == {{faults}}
              expect p.RssFile == 2M
            }
            """);

        Assert.Equal(faults, Row(r, 5).MinFlt);
    }

    [Theory]
    [InlineData("4K", "12K", "132K")]
    [InlineData("16K", "16K", "144K")]
    [InlineData("64K", "64K", "192K")]
    public void SmallMappings_AndTheStack_AreWholePages(string pageSize, string tenK, string stack)
    {
        // setup_arg_pages: the stack VMA is the arguments' page plus 128 KiB.
        Run($$"""
            machine { ram 256M; page_size {{pageSize}} }
            process p {
              c = mmap 10K
              write c
              expect p.RssAnon == {{tenK}}
              expect p.VmStk == {{stack}}
            }
            """);
    }

    [Fact]
    public void MallocRoundsTheHeapToThePage()
    {
        // sysmalloc: brk grows by nb + top_pad + MINSIZE rounded up to the page: 132 KiB, 144 KiB, 192 KiB.
        var four = Run("machine { page_size 4K }\nprocess p {\n  b = malloc 100\n}");
        var sixteen = Run("machine { page_size 16K }\nprocess p {\n  b = malloc 100\n}");
        var sixtyFour = Run("machine { page_size 64K }\nprocess p {\n  b = malloc 100\n}");
        Assert.Contains("brk +132 KiB", Row(four, 3).Detail, StringComparison.Ordinal);
        Assert.Contains("brk +144 KiB", Row(sixteen, 3).Detail, StringComparison.Ordinal);
        Assert.Contains("brk +192 KiB", Row(sixtyFour, 3).Detail, StringComparison.Ordinal);
    }
}
