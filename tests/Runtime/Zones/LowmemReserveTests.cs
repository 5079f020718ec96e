using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;
using MemScript.Runtime.Sched;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// The slow path's and kswapd's checks per zone (mm/page_alloc.c __zone_watermark_ok,
/// mm/vmscan.c wakeup_kswapd and pgdat_balanced, Linux 6.18): each zone the allocation may
/// use against its mark plus lowmem_reserve[highest_zoneidx]. On 64 MiB (x86-64) DMA32 has
/// min 192, low 240, high 288 pages, DMA min 64, low 80, high 96, and a user allocation
/// (highest zone Movable) must leave DMA's lowmem_reserve, DMA32's 12288 managed pages / 256
/// = 48 pages: no zone passes low once both are drained in zonelist order at 240 + 80 + 48 =
/// 368 free pages (the summed marks alone said 320), min at 304, high at 432.
/// </summary>
public class LowmemReserveTests
{
    [Fact]
    public void Kswapd_On64MiB_WakesAt368FreePages_TheMarksPlusDmasReserve()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);

        Assert.Equal((256L, 320L, 384L), kernel.WatermarkPages);   // the header's summed marks do not move
        Assert.Equal((304L, 368L, 432L), new KernelKswapd(kernel).Watermarks);
        var dma = kernel.ZoneStates().Single(z => z.Zone.Type == ZoneType.Dma).Zone;
        Assert.Equal(48L, dma.Protection[kernel.HighestZoneIndex(GfpZone.HighUser)]);
    }

    [Fact]
    public void Kswapd_WakesOnlyWhenNoZoneIsAboveLowPlusReserve()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 64UL << 20);
        long dmaBefore = 0, dma32Before = 0;
        var page = 0L;
        for (; page < (64L << 8) && !kernel.KswapdWanted; page++)
        {
            if (kernel.Meminfo(MeminfoField.MemFree) < 4L << 20)
            {
                dmaBefore = ZoneFree(kernel, ZoneType.Dma);
                dma32Before = ZoneFree(kernel, ZoneType.Dma32);
            }

            kernel.Touch(mm, start + ((ulong)page * Page), 1);
        }

        Assert.True(kernel.KswapdWanted);
        // The allocation that woke kswapd found DMA32 at or below low (240) and DMA at or
        // below low + lowmem_reserve (80 + 48): the fault's one page leaves neither above its mark.
        Assert.True(dma32Before - 1 < 240, $"DMA32 had {dma32Before} free");
        Assert.True(dmaBefore - 1 < 128, $"DMA had {dmaBefore} free");
        // With the summed marks it would have woken once DMA32 fell below low; the
        // allocations went on taking from DMA (4096 free pages) until DMA was at its mark plus 48.
        Assert.True(dmaBefore > 64 + 48 - 32, $"DMA had {dmaBefore} free");
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Kswapd_Sleeps_WhenOneZoneIsAboveHighPlusReserve()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);
        kernel.CreateFile("cache", 40UL << 20, cached: true, dirty: false);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 24UL << 20);
        var page = 0L;
        for (; page < (24L << 8) && !kernel.KswapdWanted; page++)
        {
            kernel.Touch(mm, start + ((ulong)page * Page), 1);
        }

        Assert.True(kernel.KswapdWanted);
        var batches = 0;
        while (kernel.KswapdWanted && batches++ < 1000)
        {
            kernel.KswapdReclaimBatch();
        }

        Assert.False(kernel.KswapdWanted);
        var dma = ZoneFree(kernel, ZoneType.Dma);
        var dma32 = ZoneFree(kernel, ZoneType.Dma32);
        Assert.True(dma32 > 288 || dma > 96 + 48, $"DMA32 {dma32}, DMA {dma}: pgdat_balanced needs one zone above high + lowmem_reserve");
        kernel.AssertSelfChecksPass();
    }

    private static long ZoneFree(Kernel kernel, ZoneType type) => kernel.ZoneStates().Single(z => z.Zone.Type == type).FreePages;
}
