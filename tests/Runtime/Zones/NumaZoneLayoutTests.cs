using MemScript.Runtime;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// A NUMA machine's zones as mm/mm_init.c lays them out: each node's zone is the arch's zone
/// range clamped to the node's pfns (zone_spanned_pages_in_node), so DMA and DMA32 live on the
/// node that covers the low 4 GiB; __setup_per_zone_wmarks splits min_free_kbytes over every
/// node's lowmem zones together; setup_per_zone_lowmem_reserve works within each node.
/// </summary>
public class NumaZoneLayoutTests
{
    [Fact]
    public void TwoNodesOf4GiB_PutDmaAndDma32OnNode0_AndNormalOnNode1()
    {
        var layout = ZoneLayout.For(new MachineSettings { Ram = 8UL << 30, NumaNodes = 2 });
        var populated = layout.Zones.Where(z => z.Populated).Select(z => (z.Node, z.Name, z.StartPfn, z.Spanned)).ToList();
        Assert.Equal([(0, "DMA", 0L, 4096L), (0, "DMA32", 4096L, 1044480L), (1, "Normal", 1048576L, 1048576L)], populated);
        Assert.Equal(10, layout.Zones.Count);   // five zone types per node, empty ones included
        // min_free_kbytes = int_sqrt(8388608 * 16) = 11585: 2896 pages over 2097152 lowmem pages.
        Assert.Equal([5L, 1442, 1448], layout.Zones.Where(z => z.Populated).Select(z => z.Min));
        // Node 0's DMA keeps DMA32's 1044480 / 256; node 1's zones above Normal are empty.
        Assert.Equal([0L, 4080, 4080, 4080, 4080], layout.Zones[0].Protection);
        Assert.All(layout.Zones.Where(z => z.Node == 1), z => Assert.All(z.Protection, p => Assert.Equal(0L, p)));
    }

    [Fact]
    public void TwoSmallNodes_BothHaveDma32_TheSecondWithNoDma()
    {
        var layout = ZoneLayout.For(new MachineSettings { Ram = 128UL << 20, NumaNodeSizes = [32UL << 20, 96UL << 20] });
        var populated = layout.Zones.Where(z => z.Populated).Select(z => (z.Node, z.Name, z.StartPfn, z.Spanned)).ToList();
        Assert.Equal([(0, "DMA", 0L, 4096L), (0, "DMA32", 4096L, 4096L), (1, "DMA32", 8192L, 24576L)], populated);
        // Node 0's DMA: node 0's DMA32 (4096 pages) / 256 = 16; node 1 has no DMA to protect.
        Assert.Equal([0L, 16, 16, 16, 16], layout.Zones[0].Protection);
    }
}
