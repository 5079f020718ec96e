using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class SwapTests
{
    private static Kernel SmallMachine(ulong ram, ulong swap, WatermarkMode watermarks = WatermarkMode.Auto) => BootFifo(m =>
    {
        m.Ram = ram;
        m.Swap = swap;
        m.Overcommit = OvercommitMode.Always;
        m.Watermarks = watermarks;
    });

    private static long Pages(Kernel kernel, MeminfoField field) => kernel.Meminfo(field) / (long)Page;

    [Fact]
    public void Write48MiB_On32MiBRam_ReadsEveryPageBack_FromSwap()
    {
        var kernel = SmallMachine(32UL << 20, 64UL << 20);
        var mm = kernel.Process();
        const long pages = 48 * 256;
        var start = kernel.MapAnon(mm, pages * Page);

        kernel.Touch(mm, start, pages, AccessKind.Write);
        kernel.Touch(mm, start, pages, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.True(kernel.Vmstat(VmCounter.pswpout) > 0);
        Assert.Equal(kernel.Vmstat(VmCounter.pswpin), (long)status.MajFlt);
        Assert.True(status.MajFlt > 0);
        Assert.True(status.RssAnon + status.VmSwap >= pages * Page);
        var slotsInUse = Pages(kernel, MeminfoField.SwapTotal) - Pages(kernel, MeminfoField.SwapFree);
        Assert.Equal(slotsInUse, (long)status.VmSwap / (long)Page + Pages(kernel, MeminfoField.SwapCached));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ReadSwapIn_KeepsTheSlot_WriteSwapIn_FreesIt()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 2 * Page);
        kernel.Touch(mm, start, 2, AccessKind.Write);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 2 * Page, Advice.PageOut));
        var swapFree = Pages(kernel, MeminfoField.SwapFree);

        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(FaultResult.Major, kernel.Once(mm, start + Page, AccessKind.Write));

        Assert.Equal(swapFree + 1, Pages(kernel, MeminfoField.SwapFree));
        Assert.Equal(1, Pages(kernel, MeminfoField.SwapCached));
        Assert.Equal(2, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(2, kernel.Vmstat(VmCounter.workingset_refault_anon));
        Assert.Equal(0UL, kernel.Status(mm).VmSwap);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void UnmodifiedSwapCachePage_IsEvictedAgain_WithoutAWrite()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Page);
        kernel.Touch(mm, start, 1, AccessKind.Write);
        kernel.Madvise(mm, start, Page, Advice.PageOut);
        kernel.Once(mm, start, AccessKind.Read);

        kernel.Madvise(mm, start, Page, Advice.PageOut);

        Assert.Equal(1, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(0, kernel.LastSyscallCostNs);
        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ForkSharedAnonPage_IsSwappedOutOfBothProcesses_AndTheSecondReaderHitsTheSwapCache()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, Page);
        kernel.Touch(parent, start, 1, AccessKind.Write);
        var child = kernel.Fork(parent);

        EvictMappedAnonPages(kernel);

        Assert.Equal(Page, kernel.Status(parent).VmSwap);
        Assert.Equal(Page, kernel.Status(child).VmSwap);
        Assert.Equal(0UL, kernel.Status(child).RssAnon);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(FaultResult.Major, kernel.Once(child, start, AccessKind.Read));
        Assert.Equal(FaultResult.Minor, kernel.Once(parent, start, AccessKind.Read));
        Assert.Equal(1, kernel.Vmstat(VmCounter.pswpin));
        Assert.Equal(FaultResult.Minor, kernel.Once(child, start, AccessKind.Write));
        Assert.Equal(FaultResult.Hit, kernel.Once(parent, start, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PageOut_SkipsPagesAForkedChildStillMaps_AndEvictsThemOnceExclusive()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 4 * Page);
        kernel.Touch(parent, start, 4, AccessKind.Write);
        var child = kernel.Fork(parent);

        Assert.Equal(Errno.Ok, kernel.Madvise(parent, start, 4 * Page, Advice.PageOut));

        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(0UL, kernel.Status(parent).VmSwap);
        Assert.Equal(4 * Page, kernel.Status(parent).RssAnon);
        Assert.Equal(4 * Page, kernel.Status(child).RssAnon);

        kernel.Touch(child, start, 2, AccessKind.Write);   // two pages copied: the parent's are its own now
        kernel.Madvise(parent, start, 4 * Page, Advice.PageOut);

        Assert.Equal(2, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(2 * Page, kernel.Status(parent).VmSwap);
        Assert.Equal(0UL, kernel.Status(child).VmSwap);
        kernel.AssertSelfChecksPass();
    }

    /// <summary>Evicts every anonymous page some process maps, as reclaim would (pageout skips shared pages).</summary>
    private static void EvictMappedAnonPages(Kernel kernel)
    {
        var context = (IReclaimContext)kernel;
        for (var pfn = 0; pfn < context.Frames.HighWater; pfn++)
        {
            if (context.Frames[pfn].Kind == FrameKind.Anon && context.Frames[pfn].MapCount > 0)
            {
                Assert.True(context.Evict(pfn));
            }
        }
    }

    [Fact]
    public void ExitAndMunmap_FreeSwapEntries()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 4 * Page);
        kernel.Touch(parent, start, 4, AccessKind.Write);
        var child = kernel.Fork(parent);
        EvictMappedAnonPages(kernel);
        var total = Pages(kernel, MeminfoField.SwapTotal);
        Assert.Equal(total - 4, Pages(kernel, MeminfoField.SwapFree));

        kernel.Exit(child);
        Assert.Equal(total - 4, Pages(kernel, MeminfoField.SwapFree));
        Assert.Equal(Errno.Ok, kernel.Munmap(parent, start, 4 * Page));

        Assert.Equal(total, Pages(kernel, MeminfoField.SwapFree));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ShmemPage_IsSwappedOut_AndReadBackWithAMajorFault()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 2 * Page, shared: true);
        kernel.Touch(mm, start, 2, AccessKind.Write);

        kernel.Madvise(mm, start, 2 * Page, Advice.PageOut);

        Assert.Equal(0UL, kernel.Status(mm).RssShmem);
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Shmem));
        Assert.Equal(2, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(1, kernel.Vmstat(VmCounter.pswpin));
        kernel.AssertSelfChecksPass();
        Assert.Equal(Errno.Ok, kernel.Munmap(mm, start, 2 * Page));
        Assert.Equal(Pages(kernel, MeminfoField.SwapTotal), Pages(kernel, MeminfoField.SwapFree));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void CleanFilePage_IsDropped_AndItsRefaultCounted()
    {
        var kernel = SmallMachine(16UL << 20, 0);
        var file = kernel.CreateFile("data", 4 * Page, cached: true, dirty: false);
        var mm = kernel.Process();
        var start = kernel.MapFile(mm, file, 4 * Page);
        kernel.Touch(mm, start, 4, AccessKind.Read);

        kernel.Madvise(mm, start, 4 * Page, Advice.PageOut);

        Assert.Equal(0UL, kernel.Status(mm).RssFile);
        Assert.Equal(0, kernel.LastSyscallCostNs);
        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(4, kernel.Vmstat(VmCounter.workingset_refault_file));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void DirtyFilePage_IsWrittenBack_BeforeItIsDropped()
    {
        var kernel = SmallMachine(16UL << 20, 0);
        var file = kernel.CreateFile("data", Page, cached: true, dirty: false);
        var mm = kernel.Process();
        var start = kernel.MapFile(mm, file, Page, write: true, shared: true);
        kernel.Touch(mm, start, 1, AccessKind.Write);
        Assert.Equal((long)Page, kernel.Meminfo(MeminfoField.Dirty));

        kernel.Madvise(mm, start, Page, Advice.PageOut);

        Assert.Equal(kernel.Costs.SwapOutPerPage, kernel.LastSyscallCostNs);
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Dirty));
        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void WithoutSwap_AnonPagesStay_AndFileCacheIsReclaimedInstead()
    {
        var kernel = SmallMachine(16UL << 20, 0, WatermarkMode.Off);
        var file = kernel.CreateFile("cache", 1024 * Page, cached: true, dirty: false);
        var mm = kernel.Process();
        var free = Pages(kernel, MeminfoField.MemFree);
        var start = kernel.MapAnon(mm, (ulong)(free + 100) * Page);

        kernel.Touch(mm, start, free + 100, AccessKind.Write);

        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
        Assert.True(kernel.Vmstat(VmCounter.pgsteal_direct) >= 100);
        Assert.Equal(0, Pages(kernel, MeminfoField.MemFree));
        kernel.AssertSelfChecksPass();
        _ = file;
    }

    [Fact]
    public void ExclusivePage_ReadBackFromSwap_IsWritableWithoutAnotherFault()
    {
        var kernel = SmallMachine(16UL << 20, 16UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Page);
        kernel.Touch(mm, start, 1, AccessKind.Write);
        kernel.Madvise(mm, start, Page, Advice.PageOut);

        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(FaultResult.Hit, kernel.Once(mm, start, AccessKind.Write));

        kernel.Madvise(mm, start, Page, Advice.PageOut);
        Assert.Equal(2, kernel.Vmstat(VmCounter.pswpout));
        Assert.Equal(FaultResult.Major, kernel.Once(mm, start, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void SwapMoreThanHalfFull_ReadSwapInOfAnExclusivePage_FreesItsSlot()
    {
        var kernel = SmallMachine(16UL << 20, 8 * Page);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 5 * Page);
        kernel.Touch(mm, start, 5, AccessKind.Write);
        kernel.Madvise(mm, start, 5 * Page, Advice.PageOut);

        kernel.Once(mm, start, AccessKind.Read);

        Assert.Equal(4 * (long)Page, kernel.Meminfo(MeminfoField.SwapTotal) - kernel.Meminfo(MeminfoField.SwapFree));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.SwapCached));
        kernel.AssertSelfChecksPass();
    }
}
