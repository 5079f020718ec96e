using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// <c>hugepages N size 1G</c>: gigantic pages come from memblock at boot
/// (mm/hugetlb.c hugetlb_hstate_alloc_pages), before the buddy allocator
/// exists, so MemTotal drops by N GiB; hugetlb_report_meminfo prints
/// HugePages_* and Hugepagesize for the default 2 MiB hstate only and sums
/// every hstate into Hugetlb.
/// </summary>
public sealed class GiganticPagesTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("gigantic.mems", text);

    private static long MeminfoKb(SimulationResult r, string name) => r.Meminfo.Single(c => c.Name == name).Value;

    [Fact]
    public void TwoGigantic_TakeTwoGiBOutOfMemTotal_AndShowOnlyInHugetlb()
    {
        var r = Run("""
            machine { ram 4G; hugepages 2 size 1G }
            process p {
              expect meminfo.MemTotal == 2G
              expect meminfo.Hugetlb == 2G
              expect meminfo.HugePages_Total == 0
              expect meminfo.Hugepagesize == 2M
              expect meminfo.CommitLimit == 1G
              a = mmap 2M huge
            }
            """);

        Assert.Equal("ENOMEM", CheckedRun.Row(r, 8).Detail);
        Assert.True(MeminfoKb(r, "MemFree") <= 2L << 20);
    }

    [Fact]
    public void WithoutGigantic_MemTotalIsRam()
    {
        var r = Run("""
            machine { ram 4G; hugepages 2 }
            process p {
              expect meminfo.MemTotal == 4G
              expect meminfo.Hugetlb == 4M
              expect meminfo.HugePages_Total == 2
            }
            """);

        Assert.Equal(3, r.Expectations.Count);
    }

    [Fact]
    public void MoreGigantic_ThanRam_IsAnError()
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("g.mems", "machine { ram 1G; hugepages 2 size 1G }\nprocess p { }"), CompileOptions.NoCache);

        Assert.False(compiled.Success);
    }
}
