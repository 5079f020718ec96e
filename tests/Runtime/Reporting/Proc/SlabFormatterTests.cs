using MemScript.Runtime.Mm.Slab;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>
/// /proc/slabinfo (mm/slab_common.c cache_show), slabtop --once (procps-ng
/// 4.0.2) and the OOM report's dump_unreclaimable_slab block, against lines
/// this machine printed (the expected rows are copied from its
/// /proc/slabinfo and `slabtop -o`).
/// </summary>
public class SlabFormatterTests
{
    [Fact]
    public void Slabinfo_PrintsTheHeaderAndCacheShowRows_AsTheKernel()
    {
        var lines = SlabinfoFormatter.Format([new SlabInfoRow("task_struct", 248, 315, 5824, 5, 8, 63, false)]);

        Assert.Equal(
        [
            "slabinfo - version: 2.1",
            "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>",
            "task_struct          248    315   5824    5    8 : tunables    0    0    0 : slabdata     63     63      0",
        ], lines);
    }

    [Fact]
    public void Slabtop_PrintsSummaryHeadingAndRows_SortedByObjects()
    {
        var lines = SlabtopFormatter.Format(
        [
            new SlabInfoRow("vm_area_struct", 4692, 5880, 192, 21, 1, 280, false),
            new SlabInfoRow("dentry", 124509, 124509, 192, 21, 1, 5929, true),
            new SlabInfoRow("kmalloc-8k", 0, 0, 8192, 4, 8, 0, false),
        ], 4096);

        Assert.Equal(
        [
            " Active / Total Objects (% used)    : 129201 / 130389 (99.1%)",
            " Active / Total Slabs (% used)      : 6209 / 6209 (100.0%)",
            " Active / Total Caches (% used)     : 2 / 3 (66.7%)",
            " Active / Total Size (% used)       : 24225.19K / 24447.94K (99.1%)",
            " Minimum / Average / Maximum Object : 0.19K / 0.19K / 8.00K",
            "",
            "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME                   ",
            "124509 124509 100%    0.19K   5929       21     23716K dentry                 ",
            "  5880   4692  79%    0.19K    280       21      1120K vm_area_struct         ",
            "     0      0   0%    8.00K      0        4         0K kmalloc-8k             ",
        ], lines);
    }

    [Fact]
    public void UnreclaimableSlab_ListsCachesWithoutReclaimAccount_ThatHaveObjects()
    {
        var lines = UnreclaimableSlabFormatter.Format(
        [
            new SlabInfoRow("dentry", 100, 105, 192, 21, 1, 5, true),
            new SlabInfoRow("kmalloc-8k", 7016, 7016, 8192, 4, 8, 1754, false),
            new SlabInfoRow("kmalloc-4k", 0, 0, 4096, 8, 8, 0, false),
            new SlabInfoRow("task_struct", 1, 5, 5824, 5, 8, 1, false),
        ]);

        Assert.Equal(
        [
            "Unreclaimable slab info:",
            "Name                      Used          Total",
            "kmalloc-8k             56128KB      56128KB",
            "task_struct                5KB         28KB",
        ], lines);
    }
}
