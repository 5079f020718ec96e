using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// A write that swaps in a page whose swap entry another process shares
/// (after fork) copies it, as do_wp_page does: the swap-cache page stays for
/// the other process, whose later fault on it is minor.
/// </summary>
public class SwapCacheCopyTests
{
    private const long Pages = 64;

    [Fact]
    public void ParentWritesSharedSwappedPages_ChildReadsThemFromTheSwapCache()
    {
        var (kernel, parent, child, start) = SwappedOutAfterFork();

        kernel.Touch(parent, start, Pages, AccessKind.Write);
        var childBefore = kernel.Status(child);
        kernel.Touch(child, start, Pages, AccessKind.Read);
        var childAfter = kernel.Status(child);

        Assert.Equal(Pages, kernel.Vmstat(VmCounter.pswpin));
        Assert.Equal(0L, (long)(childAfter.MajFlt - childBefore.MajFlt));
        Assert.Equal(Pages, (long)(childAfter.MinFlt - childBefore.MinFlt));
        Assert.Equal(0UL, childAfter.VmSwap);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ChildExits_AfterParentCopied_SwapCachePagesAndSlotsAreFreed()
    {
        var (kernel, parent, child, start) = SwappedOutAfterFork();
        var total = kernel.Meminfo(MeminfoField.SwapTotal);
        kernel.Touch(parent, start, Pages, AccessKind.Write);
        Assert.Equal(Pages * (long)Page, kernel.Meminfo(MeminfoField.SwapCached));

        kernel.Exit(child);

        Assert.Equal(0, kernel.Meminfo(MeminfoField.SwapCached));
        Assert.Equal(total, kernel.Meminfo(MeminfoField.SwapFree));
        Assert.Equal(Pages * (long)Page, kernel.Meminfo(MeminfoField.AnonPages));
        kernel.AssertSelfChecksPass();
    }

    private static (Kernel Kernel, int Parent, int Child, ulong Start) SwappedOutAfterFork()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 16UL << 20;
            m.Swap = 16UL << 20;
            m.Overcommit = OvercommitMode.Always;
        });
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, Pages * Page);
        kernel.Touch(parent, start, Pages, AccessKind.Write);
        kernel.Madvise(parent, start, Pages * Page, Advice.PageOut);
        var child = kernel.Fork(parent);
        Assert.Equal(Pages * (long)Page, (long)kernel.Status(child).VmSwap);
        return (kernel, parent, child, start);
    }
}
