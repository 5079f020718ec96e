using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// Eviction never writes an anonymous page nobody maps to swap: with no swap
/// entry to hold the slot it would leak the slot and count a pswpout for
/// nothing. Such a page can only come from a broken map count, so the test
/// breaks one on purpose; the self-check reports it.
/// </summary>
public class UnmappedAnonEvictTests
{
    [Fact]
    public void AnonPageWithNoMapper_IsNotEvicted_AndTakesNoSwapSlot()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 16UL << 20;
            m.Swap = 16UL << 20;
        });
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Page);
        kernel.Touch(mm, start, 1, AccessKind.Write);
        var context = (IReclaimContext)kernel;
        var pfn = AnonFrame(context.Frames);
        var swapFree = kernel.Meminfo(MeminfoField.SwapFree);
        context.Frames[pfn].MapCount = 0;

        Assert.False(context.Evict(pfn));

        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(swapFree, kernel.Meminfo(MeminfoField.SwapFree));
        Assert.Contains(kernel.SelfCheck(), c => c.Name == "frames conserved" && !c.Ok);
    }

    private static int AnonFrame(FrameTable frames)
    {
        for (var pfn = 0; pfn < frames.HighWater; pfn++)
        {
            if (frames[pfn].Kind == FrameKind.Anon)
            {
                return pfn;
            }
        }

        throw new InvalidOperationException("no anonymous frame");
    }
}
