using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>Swap entries through the other system calls: mprotect, madvise dontneed, fork, System V removal.</summary>
public class SwapEntryTests
{
    private static Kernel WithSwap() => BootFifo(m =>
    {
        m.Ram = 16UL << 20;
        m.Swap = 16UL << 20;
        m.Overcommit = OvercommitMode.Always;
    });

    private static long SwapUsed(Kernel kernel) =>
        (kernel.Meminfo(MeminfoField.SwapTotal) - kernel.Meminfo(MeminfoField.SwapFree)) / (long)Page;

    [Fact]
    public void Mprotect_LeavesSwapEntriesIntact()
    {
        var kernel = WithSwap();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4, AccessKind.Write);
        kernel.Madvise(mm, start, 4 * Page, Advice.PageOut);

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start, 4 * Page, read: true, write: false, exec: false));
        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start, 4 * Page, read: true, write: true, exec: false));

        Assert.Equal(4 * Page, kernel.Status(mm).VmSwap);
        kernel.Touch(mm, start, 4, AccessKind.Read);
        Assert.Equal(4, kernel.Vmstat(VmCounter.pswpin));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ReadOnlySwapCachePage_MadeWritableByMprotect_IsCopiedOnItsFirstWrite_WhileTheChildHoldsTheSlot()
    {
        var kernel = WithSwap();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, Page);
        kernel.Touch(parent, start, 1, AccessKind.Write);
        kernel.Madvise(parent, start, Page, Advice.PageOut);
        var child = kernel.Fork(parent);   // the child shares the swap entry
        kernel.Once(parent, start, AccessKind.Read);

        kernel.Mprotect(parent, start, Page, read: true, write: true, exec: false);
        Assert.Equal(FaultResult.Minor, kernel.Once(parent, start, AccessKind.Write));

        Assert.Equal(FaultResult.Minor, kernel.Once(child, start, AccessKind.Read));
        Assert.Equal(1, kernel.Vmstat(VmCounter.pswpin));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MadviseDontNeed_FreesTheSwapEntries_AndTheNextReadIsTheZeroPage()
    {
        var kernel = WithSwap();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4, AccessKind.Write);
        kernel.Madvise(mm, start, 4 * Page, Advice.PageOut);

        kernel.Madvise(mm, start, 4 * Page, Advice.DontNeed);

        Assert.Equal(0, SwapUsed(kernel));
        Assert.Equal(0UL, kernel.Status(mm).VmSwap);
        Assert.Equal(FaultResult.Minor, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpin));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Fork_SharesSwapEntries_AndEachProcessReadsItsOwnCopyBack()
    {
        var kernel = WithSwap();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 2 * Page);
        kernel.Touch(parent, start, 2, AccessKind.Write);
        kernel.Madvise(parent, start, 2 * Page, Advice.PageOut);

        var child = kernel.Fork(parent);

        Assert.Equal(2 * Page, kernel.Status(child).VmSwap);
        Assert.Equal(2, SwapUsed(kernel));
        kernel.Touch(child, start, 2, AccessKind.Write);
        kernel.Touch(parent, start, 2, AccessKind.Read);
        Assert.Equal(0UL, kernel.Status(child).VmSwap);
        Assert.Equal(0UL, kernel.Status(parent).VmSwap);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void RemovedSystemVSegment_FreesItsSwapSlots_WhenTheLastAttachmentGoes()
    {
        var kernel = WithSwap();
        var mm = kernel.Process();
        var shm = kernel.ShmGet("seg", 8 * Page, out _);
        var start = kernel.Mmap(mm, new MmapRequest(8 * Page, MapKind.SysVShm, Read: true, Write: true, Exec: false, Shared: true, ObjectId: shm), out _);
        kernel.Touch(mm, start, 8, AccessKind.Write);
        kernel.Madvise(mm, start, 8 * Page, Advice.PageOut);
        Assert.Equal(8, SwapUsed(kernel));

        kernel.ShmRemove("seg");
        Assert.Equal(8, SwapUsed(kernel));
        kernel.Munmap(mm, start, 8 * Page);

        Assert.Equal(0, SwapUsed(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void CorruptedPage_IsCaughtWhenReadBackFromSwap()
    {
        var kernel = WithSwap();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Page);
        kernel.Touch(mm, start, 1, AccessKind.Write);
        kernel.InjectContentCorruption(mm, start);

        kernel.Madvise(mm, start, Page, Advice.PageOut);
        kernel.Once(mm, start, AccessKind.Read);

        Assert.Contains(kernel.SelfCheck(), c => c.Name == "content stamps intact" && !c.Ok);
    }
}
