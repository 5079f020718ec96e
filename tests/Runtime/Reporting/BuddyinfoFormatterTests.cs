using MemScript.Runtime.Reporting.Proc;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>/proc/buddyinfo against mm/vmstat.c frag_show_print: "Node %d, zone %8s " then "%6lu " per order.</summary>
public class BuddyinfoFormatterTests
{
    [Fact]
    public void Buddyinfo_PrintsOneLinePerZone_WithSixWideColumnsAndTheKernelsTrailingSpace()
    {
        var lines = BuddyinfoFormatter.Format([("Normal", [3, 0, 12, 0, 0, 0, 0, 0, 0, 1, 123456])]);

        Assert.Equal(["Node 0, zone   Normal      3      0     12      0      0      0      0      0      0      1 123456 "], lines);
    }

    [Fact]
    public void Buddyinfo_OfAFresh64MiBMachine_ShowsDmaWithFourAndDma32WithTwelveBlocksOfOrder10()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);

        var lines = BuddyinfoFormatter.Format(kernel.BuddyFreeBlocksByZone());

        Assert.Equal(
            [
                "Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 ",
                "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 ",
            ],
            lines);
    }
}
