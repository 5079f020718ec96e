using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class ReclaimPressureTests
{
    private static Kernel Machine(ulong ram, ulong swap, WatermarkMode watermarks = WatermarkMode.Auto, bool tablesCharged = true) => BootFifo(m =>
    {
        m.Ram = ram;
        m.Swap = swap;
        m.Overcommit = OvercommitMode.Always;
        m.Watermarks = watermarks;
        m.PageTablesCharged = tablesCharged;
    });

    private static long FreePages(Kernel kernel) => kernel.Meminfo(MeminfoField.MemFree) / (long)Page;

    /// <summary>Free pages on the buddy and the per-CPU lists: a list's refill may take the buddy below min.</summary>
    private static long AllFreePages(Kernel kernel) => kernel.AllFreeBytes() / (long)Page;

    [Fact]
    public void Watermarks_Of64MiB_AreMinLowHigh_256_320_384()
    {
        var kernel = Machine(64UL << 20, 0);

        Assert.Equal((256L, 320L, 384L), kernel.WatermarkPages);
    }

    [Fact]
    public void BelowLow_WakesKswapd_WithoutDirectReclaim_AndKswapdReclaimsUpToHigh()
    {
        var kernel = Machine(64UL << 20, 64UL << 20);
        var mm = kernel.Process();
        var (min, low, high) = kernel.WatermarkPages;
        var pages = FreePages(kernel);
        var start = kernel.MapAnon(mm, (ulong)pages * Page);

        // One page at a time until an allocation finds free memory below low: the per-CPU
        // list's refills take the buddy lists down in steps of up to batch << 5 pages.
        var touched = 0;
        while (!kernel.KswapdWanted && touched < pages)
        {
            kernel.Touch(mm, start + ((ulong)touched * Page), 1);
            touched++;
        }

        Assert.True(kernel.KswapdWanted);
        Assert.True(AllFreePages(kernel) >= min);
        // The marks are per zone: a refill can take DMA32 below min before the allocation that
        // finds DMA at its low mark plus lowmem_reserve wakes kswapd; that allocation then reclaims once.
        Assert.True(kernel.Vmstat(VmCounter.allocstall) <= 1);
        long cost = 0;
        var (scannedBefore, swappedBefore) = (kernel.Vmstat(VmCounter.pgscan_kswapd), kernel.Vmstat(VmCounter.pswpout));
        for (var batch = 0; batch < 100 && kernel.KswapdWanted; batch++)
        {
            cost += kernel.KswapdReclaimBatch().CostNs;
        }

        Assert.False(kernel.KswapdWanted);
        Assert.True(new MemScript.Runtime.Sched.KernelKswapd(kernel).Balanced);   // pgdat_balanced: one zone above high + lowmem_reserve
        Assert.True(FreePages(kernel) >= high - (2 * 48));
        Assert.True(kernel.Vmstat(VmCounter.pgsteal_kswapd) > 0);
        Assert.Equal(((kernel.Vmstat(VmCounter.pgscan_kswapd) - scannedBefore) * kernel.Costs.ReclaimScanPerPage) + ((kernel.Vmstat(VmCounter.pswpout) - swappedBefore) * kernel.Costs.SwapOutPerPage), cost);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void BelowMin_TheAllocatingProcessReclaims_AndFreeNeverFallsBelowMin()
    {
        var kernel = Machine(64UL << 20, 64UL << 20);
        var mm = kernel.Process();
        var (min, _, _) = kernel.WatermarkPages;
        var pages = FreePages(kernel) + 1000;
        var start = kernel.MapAnon(mm, (ulong)pages * Page);
        long lowest = long.MaxValue;

        for (var i = 0L; i < pages; i++)
        {
            Assert.NotEqual(FaultResult.OomKilled, kernel.Once(mm, start + (ulong)i * Page, AccessKind.Write));
            lowest = Math.Min(lowest, AllFreePages(kernel));
        }

        Assert.True(lowest >= min, $"free fell to {lowest}, min is {min}");
        Assert.True(kernel.Vmstat(VmCounter.allocstall) > 0);
        Assert.True(kernel.Vmstat(VmCounter.pgsteal_direct) >= 1000);
        Assert.Equal(0, kernel.Vmstat(VmCounter.pgsteal_kswapd));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Textbook_ReclaimsExactlyThePagesMissing_WhenNoFrameIsFree()
    {
        var kernel = Machine(16UL << 20, 16UL << 20, WatermarkMode.Off, tablesCharged: false);
        var mm = kernel.Process();
        var free = FreePages(kernel);
        var start = kernel.MapAnon(mm, (ulong)(free + 10) * Page);

        kernel.Touch(mm, start, free + 10);

        Assert.False(kernel.KswapdWanted);
        Assert.Equal(0, FreePages(kernel));
        Assert.Equal(10, kernel.Vmstat(VmCounter.pgsteal_direct));
        Assert.Equal(10, kernel.Vmstat(VmCounter.pswpout));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void NoSwapNoVictim_Panics_DeadlockedOnMemory()
    {
        var kernel = Machine(4UL << 20, 0);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 8UL << 20);

        var error = Assert.Throws<OutOfMemoryPanicException>(() => kernel.Touch(mm, start, 2048));

        Assert.Contains("System is deadlocked on memory", error.Message);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void OomKiller_KillsAnotherProcess_AndTheAllocationGoesOn()
    {
        var kernel = Machine(8UL << 20, 0);
        var hog = kernel.Process("hog");
        var hogStart = kernel.MapAnon(hog, 4UL << 20);
        kernel.Touch(hog, hogStart, 1024);
        var mm = kernel.Process("worker");
        var host = new TestOomHost(kernel, victim: hog);
        kernel.OomHost = host;
        var start = kernel.MapAnon(mm, 4UL << 20);

        kernel.Touch(mm, start, 1024);

        Assert.Equal(1, host.Calls);
        Assert.Equal(mm, host.LastRequester);
        Assert.Equal(1, kernel.Vmstat(VmCounter.oom_kill));
        Assert.Equal(0UL, kernel.Status(hog).VmRss);
        Assert.Equal(4UL << 20, kernel.Status(mm).RssAnon);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void OomKiller_KillingTheRequester_StopsTheFault()
    {
        var kernel = Machine(8UL << 20, 0);
        var mm = kernel.Process();
        kernel.OomHost = new TestOomHost(kernel, victim: mm);
        var start = kernel.MapAnon(mm, 16UL << 20);
        var result = FaultResult.Hit;
        long touched = 0;

        while (result != FaultResult.OomKilled && touched < 4096)
        {
            result = kernel.Once(mm, start + (ulong)touched++ * Page, AccessKind.Write);
        }

        Assert.Equal(FaultResult.OomKilled, result);
        Assert.Equal(1, kernel.Vmstat(VmCounter.oom_kill));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void OomKiller_KillingTheRequester_StopsPopulate()
    {
        var kernel = Machine(8UL << 20, 0);
        var mm = kernel.Process();
        kernel.OomHost = new TestOomHost(kernel, victim: mm);

        kernel.Mmap(mm, new MmapRequest(16UL << 20, MapKind.AnonPrivate, true, true, false, Populate: true), out var error);

        Assert.Equal(Errno.Ok, error);
        Assert.Equal(1, kernel.Vmstat(VmCounter.oom_kill));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PinKernelPages_ReclaimsThePageCache_ToGetItsFrames()
    {
        var kernel = Machine(16UL << 20, 0);
        kernel.CreateFile("cache", 3000 * Page, cached: true, dirty: false);
        var free = FreePages(kernel);

        kernel.PinKernelPages(free + 500);

        Assert.Equal(free + 500, kernel.PinnedPages);
        Assert.True(kernel.Vmstat(VmCounter.pgsteal_direct) >= 500);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PinKernelPages_BeyondRam_Panics()
    {
        var kernel = Machine(16UL << 20, 0);

        Assert.Throws<OutOfMemoryPanicException>(() => kernel.PinKernelPages(5000));
        Assert.Equal(0, kernel.PinnedPages);
    }

    [Fact]
    public void DropCaches_FreesCleanUnmappedFilePages_Only()
    {
        var kernel = Machine(64UL << 20, 0);
        var clean = kernel.CreateFile("clean", 64 * Page, cached: true, dirty: false);
        kernel.CreateFile("dirty", 16 * Page, cached: true, dirty: true);
        var mm = kernel.Process();
        var start = kernel.MapFile(mm, clean, 64 * Page);
        kernel.Touch(mm, start, 8, AccessKind.Read);
        var mapped = (long)(kernel.Status(mm).RssFile / Page);

        var dropped = kernel.DropCaches();

        Assert.Equal(64 - mapped, dropped);
        Assert.Equal(16 * (long)Page, kernel.Meminfo(MeminfoField.Dirty));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MemAvailable_IsFreeMinusHighPlusCacheMinusItsReserve()
    {
        var kernel = Machine(64UL << 20, 0);
        kernel.CreateFile("cache", 1000 * Page, cached: true, dirty: false);
        var (_, low, _) = kernel.WatermarkPages;
        // si_mem_available subtracts totalreserve_pages (calculate_totalreserve_pages: each zone's
        // high plus its largest lowmem_reserve): DMA 96 + 48, DMA32 288 + 0 = 432, not high's 384.
        var reserve = kernel.Zones.TotalReservePages;
        Assert.Equal(432L, reserve);

        var expected = FreePages(kernel) - reserve + 1000 - Math.Min(500, low);

        Assert.Equal(expected * (long)Page, kernel.Meminfo(MeminfoField.MemAvailable));
    }

    [Fact]
    public void Textbook_ZeroPageReads_TakeNoFrame_SoNothingIsReclaimed()
    {
        var kernel = Machine(16UL << 20, 16UL << 20, WatermarkMode.Off, tablesCharged: false);
        var mm = kernel.Process();
        var free = FreePages(kernel);
        var filled = kernel.MapAnon(mm, (ulong)free * Page);
        kernel.Touch(mm, filled, free);
        var reads = kernel.MapAnon(mm, 64 * Page);

        kernel.Touch(mm, reads, 64, AccessKind.Read);

        Assert.Equal(0, FreePages(kernel));
        Assert.Equal(0, kernel.Vmstat(VmCounter.pgscan_direct));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Fork_WithNoFrameForTheChildsTables_OomKillsTheParent_AndReturnsMinusOne()
    {
        var kernel = Machine(8UL << 20, 0, WatermarkMode.Off);
        var parent = kernel.Process();
        kernel.OomHost = new TestOomHost(kernel, victim: parent);
        var free = FreePages(kernel);
        var start = kernel.MapAnon(parent, (ulong)(free - 8) * Page);
        kernel.Touch(parent, start, free - 8);
        kernel.PinKernelPages(FreePages(kernel));

        Assert.Equal(-1, kernel.Fork(parent));
        Assert.Equal(1, kernel.Vmstat(VmCounter.oom_kill));
        Assert.Equal(kernel.Vmstat(VmCounter.pgscan_direct) * kernel.Costs.ReclaimScanPerPage, kernel.LastSyscallCostNs);
        Assert.True(kernel.LastSyscallCostNs > 0);
        kernel.AssertSelfChecksPass();
    }
}
