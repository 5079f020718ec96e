using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Geometry;

/// <summary>
/// <c>layout i386</c> against the 32-bit kernel's figures:
/// arch/x86/include/asm/page_32_types.h (TASK_SIZE = PAGE_OFFSET = 0xC0000000),
/// mm/util.c mmap_base (gap = 8 MiB stack rlimit + stack_guard_gap, at least
/// MIN_GAP 128 MiB: mmap_base 0xB8000000), arch/x86/include/asm/elf.h
/// (ELF_ET_DYN_BASE 0x400000 for ia32), arch/x86/mm/mmap.c (TASK_UNMAPPED_BASE
/// = TASK_SIZE / 3, where the bottom-up fallback search starts),
/// pgtable-2level_types.h (1024 four-byte entries: a PTE table maps 4 MiB) and
/// pgtable-3level_types.h with arch/x86/mm/pgtable.c (PAE: 512 eight-byte
/// entries, the three user PMDs preallocated by pgd_alloc and counted in VmPTE).
/// </summary>
public sealed class I386LayoutTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("i386.mems", text);

    private static TimelineEvent.Statement Row(SimulationResult r, int line) => CheckedRun.Row(r, line);

    [Theory]
    [InlineData("off", "4K", "8K")]           // one 4 MiB PTE table, then two
    [InlineData("on", "12K + 4K", "12K + 16K")] // three preallocated PMDs; 2 MiB tables: one, then four
    public void EightMiB_TakesTwoLevelOrPaeTables(string pae, string first, string all)
    {
        Run($$"""
            machine { ram 1G; layout i386; pae {{pae}} }
            process p {
              r = mmap 8M
              touch r[..4K]
              expect p.VmPTE == {{first}}
              touch r
              expect p.VmPTE == {{all}}
            }
            """);
    }

    [Fact]
    public void MappingsGoTopDownFromTheMmapBase_AndThePieLoadsAt0x400000()
    {
        var r = Run("""
            machine { ram 1G; layout i386 }
            process p {
              a = mmap 512M
              b = mmap 4K
            }
            """);

        Assert.Equal("at 0x98000000", Row(r, 3).Detail);
        Assert.Equal("at 0x97fff000", Row(r, 4).Detail);
        var text = MemScript.Runtime.Reporting.ReportRenderer.Render(r, MemScript.Runtime.Reporting.ReportFormat.Text);
        Assert.Contains("layout i386", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAddressSpaceRunsOutAtThreeGiB_WithRamFree()
    {
        var r = Run("""
            machine { ram 1G; layout i386 }
            process p {
              a1 = mmap 512M
              a2 = mmap 512M
              a3 = mmap 512M
              a4 = mmap 512M
              a5 = mmap 512M
              a6 = mmap 512M
              b = mmap 300M
              c = mmap 120M
              d = mmap 100M
              expect p.VmSize > 2900M
            }
            """);

        Assert.Equal("ENOMEM", Row(r, 8).Detail);
        Assert.Equal("at 0x5400000", Row(r, 9).Detail);
        // Top-down finds no 120 MiB hole; bottom-up from TASK_UNMAPPED_BASE finds the 127 MiB above the mmap base.
        Assert.Equal("at 0xb8000000", Row(r, 10).Detail);
        Assert.Equal("ENOMEM", Row(r, 11).Detail);
    }

    [Fact]
    public void X86_64_StillPlacesAtTheSameAddresses()
    {
        var r = Run("""
            machine { ram 1G }
            process p {
              a = mmap 4K
            }
            """);

        Assert.Equal("at 0x7ffff7ffe000", Row(r, 3).Detail);
    }
}
