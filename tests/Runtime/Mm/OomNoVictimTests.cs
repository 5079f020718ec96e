using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// out_of_memory() with no victim panics at once, as the kernel does: the
/// allocation that dips below the min watermark with nothing to reclaim and
/// nobody to kill stops the machine while the reserves are still there.
/// </summary>
public class OomNoVictimTests
{
    [Fact]
    public void NoVictim_PanicsBelowMin_WithoutTakingTheReserves()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 64UL << 20;
            m.Swap = 0;
            m.Overcommit = OvercommitMode.Always;
            m.Watermarks = WatermarkMode.Auto;
        });
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 128UL << 20);

        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Touch(mm, start, 128 * 256));

        var free = kernel.Meminfo(MeminfoField.MemFree) / (long)Page;
        // The zones' min marks (256 pages summed) plus the lowmem_reserve a user allocation must
        // leave in DMA (48): no zone passes min + reserve below 304 free pages.
        Assert.Equal(256, kernel.WatermarkPages.Min);
        Assert.InRange(free, 304 - 4, 304);
        kernel.AssertSelfChecksPass();
    }
}
