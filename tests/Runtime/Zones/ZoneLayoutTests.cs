using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// Zone sizes, watermarks, lowmem_reserve and pcp sizes of x86-64 machines against the
/// kernel's formulas, worked by hand here (Linux 6.18):
/// <list type="bullet">
/// <item>zones: arch/x86/mm/init.c zone_sizes_init: ZONE_DMA to MAX_DMA_PFN (16 MiB),
/// ZONE_DMA32 to MAX_DMA32_PFN (4 GiB), ZONE_NORMAL to the end of RAM.</item>
/// <item>min_free_kbytes = int_sqrt(ram_kb * 16) (MODEL.md 6; mm/page_alloc.c
/// calculate_min_free_kbytes); pages_min = min_free_kbytes &gt;&gt; 2.</item>
/// <item>mm/page_alloc.c __setup_per_zone_wmarks: min = pages_min * managed / lowmem_pages;
/// tmp = max(min &gt;&gt; 2, managed * watermark_scale_factor(10) / 10000);
/// low = min + tmp; high = low + tmp; promo = high + tmp.</item>
/// <item>setup_per_zone_lowmem_reserve: lowmem_reserve[j] = (managed of the zones i+1..j) /
/// sysctl_lowmem_reserve_ratio[i], ratios 256 (DMA), 256 (DMA32), 32 (Normal), 0, 0.</item>
/// <item>zone_batchsize: batch = min(managed &gt;&gt; 10, 256) / 4 (at least 1), then
/// rounddown_pow_of_two(batch * 1.5) - 1, at least 1; zone_highsize: high_min = low / cpus,
/// high_max = managed / 8 / cpus, each at least 4 * batch (one CPU here).</item>
/// </list>
/// This machine (Linux 6.18, 24 GiB) shows the same formulas in /proc/zoneinfo
/// (docs/probes/zoneinfo-6.18.txt): DMA32 managed 772850, min 3632, low 4540 (tmp = 3632 / 4),
/// protection (0, 3018, 14026, ...) = 772850 / 256 and (772850 + 2818048) / 256, batch 63,
/// high_min 2270 = 4540 / 2 CPUs, high_max 48303 = 772850 / 8 / 2.
/// </summary>
public class ZoneLayoutTests
{
    private static ZoneLayout Layout(ulong ram, Action<MachineSettings>? configure = null)
    {
        var machine = new MachineSettings { Ram = ram };
        configure?.Invoke(machine);
        return ZoneLayout.For(machine);
    }

    private static Zone Zone(ZoneLayout layout, ZoneType type) => layout.Zones.Single(z => z.Type == type);

    private static (long, long, long, long) Marks(Zone z) => (z.Min, z.Low, z.High, z.Promo);

    [Fact]
    public void OneGiB_HasDmaAndDma32_WithTheKernelsWatermarksAndReserve()
    {
        // min_free_kbytes = int_sqrt(1048576 * 16) = 4096; pages_min 1024; lowmem 262144 pages.
        var layout = Layout(1UL << 30);

        Assert.Equal(["DMA", "DMA32", "Normal", "Movable", "Device"], layout.Zones.Select(z => z.Name));
        var dma = Zone(layout, ZoneType.Dma);
        var dma32 = Zone(layout, ZoneType.Dma32);
        Assert.Equal((0L, 4096L, 4096L), (dma.StartPfn, dma.Spanned, dma.Managed));
        Assert.Equal((4096L, 258048L, 258048L), (dma32.StartPfn, dma32.Spanned, dma32.Managed));
        Assert.False(Zone(layout, ZoneType.Normal).Populated);
        // DMA: 1024 * 4096 / 262144 = 16; tmp = max(4, 4) = 4.
        Assert.Equal((16L, 20L, 24L, 28L), Marks(dma));
        // DMA32: 1024 * 258048 / 262144 = 1008; tmp = max(252, 258) = 258.
        Assert.Equal((1008L, 1266L, 1524L, 1782L), Marks(dma32));
        Assert.Equal([0L, 1008, 1008, 1008, 1008], dma.Protection);
        Assert.Equal([0L, 0, 0, 0, 0], dma32.Protection);
        // batch: min(252, 256) / 4 = 63 -> rounddown_pow_of_two(94) - 1 = 63; DMA: 4 / 4 = 1 -> 0 -> 1.
        Assert.Equal((63, 1266, 32256), (dma32.PcpBatch, dma32.PcpHighMin, dma32.PcpHighMax));
        Assert.Equal((1, 20, 512), (dma.PcpBatch, dma.PcpHighMin, dma.PcpHighMax));
    }

    [Fact]
    public void FourGiB_EndsAtTheDma32Boundary_WithNoNormalPages()
    {
        // min_free_kbytes = int_sqrt(4194304 * 16) = 8192; pages_min 2048; lowmem 1048576 pages.
        var layout = Layout(4UL << 30);

        var dma = Zone(layout, ZoneType.Dma);
        var dma32 = Zone(layout, ZoneType.Dma32);
        Assert.Equal(1044480L, dma32.Managed);
        Assert.False(Zone(layout, ZoneType.Normal).Populated);
        // DMA: 2048 * 4096 / 1048576 = 8; tmp = max(2, 4) = 4.
        Assert.Equal((8L, 12L, 16L, 20L), Marks(dma));
        // DMA32: 2040; tmp = max(510, 1044) = 1044.
        Assert.Equal((2040L, 3084L, 4128L, 5172L), Marks(dma32));
        Assert.Equal([0L, 4080, 4080, 4080, 4080], dma.Protection);
    }

    [Fact]
    public void EightGiB_SplitsMinFreeOverThreeZones_AndReservesDmaAndDma32()
    {
        // min_free_kbytes = int_sqrt(8388608 * 16) = 11585; pages_min 2896; lowmem 2097152 pages.
        var layout = Layout(8UL << 30);

        var dma = Zone(layout, ZoneType.Dma);
        var dma32 = Zone(layout, ZoneType.Dma32);
        var normal = Zone(layout, ZoneType.Normal);
        Assert.Equal((1048576L, 1048576L, 1048576L), (normal.StartPfn, normal.Spanned, normal.Managed));
        // DMA: 2896 * 4096 / 2097152 = 5; tmp = max(1, 4) = 4.
        Assert.Equal((5L, 9L, 13L, 17L), Marks(dma));
        // DMA32: 2896 * 1044480 / 2097152 = 1442; tmp = max(360, 1044) = 1044.
        Assert.Equal((1442L, 2486L, 3530L, 4574L), Marks(dma32));
        // Normal: 1448; tmp = max(362, 1048) = 1048.
        Assert.Equal((1448L, 2496L, 3544L, 4592L), Marks(normal));
        Assert.Equal([0L, 4080, 8176, 8176, 8176], dma.Protection);
        Assert.Equal([0L, 0, 4096, 4096, 4096], dma32.Protection);
        Assert.Equal([0L, 0, 0, 0, 0], normal.Protection);
    }

    [Fact]
    public void SixtyFourGiB_GivesNormalMostOfMin_AndDmaAReserveLargerThanItself()
    {
        // min_free_kbytes = int_sqrt(67108864 * 16) = 32768; pages_min 8192; lowmem 16777216 pages.
        var layout = Layout(64UL << 30);

        var dma = Zone(layout, ZoneType.Dma);
        var dma32 = Zone(layout, ZoneType.Dma32);
        var normal = Zone(layout, ZoneType.Normal);
        Assert.Equal(15728640L, normal.Managed);
        // DMA: 8192 * 4096 / 16777216 = 2; tmp = max(0, 4) = 4.
        Assert.Equal((2L, 6L, 10L, 14L), Marks(dma));
        // DMA32: 510; tmp = max(127, 1044) = 1044.
        Assert.Equal((510L, 1554L, 2598L, 3642L), Marks(dma32));
        // Normal: 7680; tmp = max(1920, 15728) = 15728.
        Assert.Equal((7680L, 23408L, 39136L, 54864L), Marks(normal));
        Assert.Equal([0L, 4080, 65520, 65520, 65520], dma.Protection);
        Assert.Equal([0L, 0, 61440, 61440, 61440], dma32.Protection);
        // batch: min(15360, 256) / 4 = 64 -> rounddown_pow_of_two(96) - 1 = 63.
        Assert.Equal((63, 23408, 1966080), (normal.PcpBatch, normal.PcpHighMin, normal.PcpHighMax));
    }

    [Fact]
    public void EmptyMovableZone_HasTheHighmemFloorOfThirtyTwoPages_AsZoneinfoShows()
    {
        // __setup_per_zone_wmarks caps a Movable zone's min to managed / 1024 clamped to [32, 128].
        var movable = Zone(Layout(1UL << 30), ZoneType.Movable);

        Assert.Equal((32L, 32L, 32L, 32L), Marks(movable));
    }

    [Fact]
    public void KernelReservation_ComesOutOfTheLowestZonesManagedPages()
    {
        var layout = Layout(64UL << 20, m => m.Kernel = 20UL << 20);

        Assert.Equal((4096L, 0L), (Zone(layout, ZoneType.Dma).Present, Zone(layout, ZoneType.Dma).Managed));
        Assert.Equal((12288L, 11264L), (Zone(layout, ZoneType.Dma32).Present, Zone(layout, ZoneType.Dma32).Managed));
    }

    [Fact]
    public void SixtyFourMiB_KeepsTheWatermarkSumsOfTheOneZoneFormula()
    {
        // One zone: min 256, tmp = max(64, 16) = 64: 256/320/384. Split: DMA 64/80/96, DMA32 192/240/288.
        var machine = new MachineSettings { Ram = 64UL << 20 };

        Assert.Equal((256L, 320L, 384L), Watermarks.Pages(machine));
        // With the 48 pages DMA keeps from user allocations (12288 / 256): kswapd wakes at 368 free pages.
        Assert.Equal((304L, 368L, 432L), Watermarks.Sum(ZoneLayout.For(machine), withReserve: true));
    }
}
