using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;
using MemScript.Runtime.Reporting.Proc;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// /proc/zoneinfo and /proc/buddyinfo in the kernel's layout (mm/vmstat.c zoneinfo_show_print
/// and frag_show_print, Linux 6.18; this machine's files are in docs/probes/zoneinfo-6.18.txt),
/// and which zone an allocation takes its pages from.
/// </summary>
public class ZoneinfoLayoutTests
{
    [Fact]
    public void Zoneinfo_OfA64MiBMachine_PrintsEachZoneBlockInTheKernelsLayout()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);

        var lines = ZoneinfoFormatter.Format(kernel.ZoneStates(), kernel.NodeStats()).ToList();

        Assert.Equal("Node 0, zone      DMA", lines[0]);
        Assert.Equal("  per-node stats", lines[1]);
        Assert.Equal("      nr_inactive_anon 0", lines[2]);
        Assert.Contains("      nr_mapped    0", lines);
        var dma = lines.IndexOf("  pages free     4096");
        Assert.Equal(
            [
                "  pages free     4096",
                "        boost    0",
                "        min      64",
                "        low      80",
                "        high     96",
                "        promo    112",
                "        spanned  4096",
                "        present  4096",
                "        managed  4096",
                "        cma      0",
                "        protection: (0, 48, 48, 48, 48)",
                "      nr_free_pages 4096",
                "      nr_free_pages_blocks 4096",
            ],
            lines.Skip(dma).Take(13));
        var pagesets = lines.IndexOf("  pagesets");
        Assert.Equal(
            [
                "  pagesets",
                "    cpu: 0",
                "              count:    0",
                "              high:     80",
                "              batch:    1",
                "              high_min: 80",
                "              high_max: 512",
                "  vm stats threshold: 2",
                "  node_unreclaimable:  0",
                "  start_pfn:           0",
                "Node 0, zone    DMA32",
                "  pages free     12288",
            ],
            lines.Skip(pagesets).Take(12));
        // An empty zone stops after its protection line, as the kernel's does.
        var movable = lines.IndexOf("Node 0, zone  Movable");
        Assert.Equal("        protection: (0, 0, 0, 0, 0)", lines[movable + 11]);
        Assert.Equal("Node 0, zone   Device", lines[movable + 12]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("Node 0, zone", StringComparison.Ordinal)));
    }

    [Fact]
    public void UserPages_OnA16GiBMachine_ComeFromNormal_AndDma32StaysWhole()
    {
        var kernel = Boot(m => m.Ram = 16UL << 30);
        var mm = kernel.Process();
        var a = kernel.MapAnon(mm, 8UL << 20, populate: true);
        Assert.NotEqual(0UL, a);

        var zones = kernel.ZoneStates();

        Assert.Equal(1044480L, zones.Single(z => z.Zone.Type == ZoneType.Dma32).FreePages);
        Assert.True(zones.Single(z => z.Zone.Type == ZoneType.Normal).FreePages <= 3145728 - 2048);
    }

    [Fact]
    public void UserPages_FallBackToDma32_OnlyOnceNormalIsAtItsLowWatermark()
    {
        // 4 GiB + 64 MiB: Normal has 16384 pages; pages_min = int_sqrt(4259840 * 16) / 4 = 8255 / 4 = 2063,
        // Normal's min 2063 * 16384 / 1064960 = 31, tmp = max(7, 16) = 16: low 47.
        var kernel = Boot(m => m.Ram = (4UL << 30) + (64UL << 20));
        var mm = kernel.Process();
        kernel.MapAnon(mm, 80UL << 20, populate: true);

        var zones = kernel.ZoneStates();
        var normal = zones.Single(z => z.Zone.Type == ZoneType.Normal);

        Assert.Equal(47L, normal.Zone.Low);
        // The zone passes zone_watermark_fast while above low; the pcp refill that follows
        // (rmqueue_bulk) may take it below by one refill, at most high_min - batch = 47 - 3.
        Assert.InRange(normal.FreePages, 47L - 44, 47L);
        Assert.True(zones.Single(z => z.Zone.Type == ZoneType.Dma32).FreePages < 1044480);
        Assert.Equal(4096L, zones.Single(z => z.Zone.Type == ZoneType.Dma).FreePages);
    }

    [Fact]
    public void I386With2GiB_HasHighMemAbove896MiB_AndNoDma32()
    {
        var layout = ZoneLayout.For(new MachineSettings { Ram = 2UL << 30, Layout = "i386" });

        Assert.Equal(["DMA", "Normal", "HighMem", "Movable"], layout.Zones.Select(z => z.Name));
        var normal = layout.Zones[1];
        var high = layout.Zones[2];
        Assert.Equal((4096L, 225280L), (normal.StartPfn, normal.Spanned));
        Assert.Equal((229376L, 294912L), (high.StartPfn, high.Spanned));
        // min_free_kbytes = int_sqrt(2097152 * 16) = 5792: 1448 pages over the 229376 lowmem pages;
        // HighMem's min is managed / 1024 = 288, clamped to [32, 128]; its step is still its
        // proportional share: 1448 * 294912 / 229376 = 1861, tmp = max(465, 294) = 465.
        Assert.Equal((1422L, 1777L, 2132L), (normal.Min, normal.Low, normal.High));
        Assert.Equal((128L, 593L, 1058L), (high.Min, high.Low, high.High));
        // lowmem_reserve_ratio 256, 32, 0, 0: Normal keeps HighMem's 294912 / 32 = 9216 pages.
        Assert.Equal([0L, 0, 9216, 9216], normal.Protection);
        Assert.Equal([0L, 880, 2032, 2032], layout.Zones[0].Protection);
    }

    [Fact]
    public void I386_UserPagesPreferHighMem_WhilePageTablesComeFromLowMem()
    {
        var kernel = Boot(m => { m.Ram = 2UL << 30; m.Layout = "i386"; });
        var mm = kernel.Process();
        kernel.MapAnon(mm, 4UL << 20, populate: true);

        var zones = kernel.ZoneStates();
        var high = zones.Single(z => z.Zone.Type == ZoneType.HighMem);
        var normal = zones.Single(z => z.Zone.Type == ZoneType.Normal);

        Assert.Equal(294912L - 1024 - high.PcpCount, high.FreePages);
        Assert.Equal(1024L, high.Lru[(int)LruList.InactiveAnon]);
        Assert.True(normal.FreePages < 225280, "page tables are GFP_KERNEL: LowMem");
        Assert.Equal(0L, normal.Lru[(int)LruList.InactiveAnon]);
    }
}
