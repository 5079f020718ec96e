using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// Asynchronous read-ahead, madvise willneed and MAP_POPULATE of a cold file,
/// against the figures measured on Linux 6.18 with an 8 MiB read-ahead and a
/// 32 MiB file (docs/probes/readahead_probe.c, 3 runs). The model keeps order-0
/// page-cache pages, so its minor faults are one per 16-page fault-around
/// window (511 for 32 MiB) where the kernel, mapping large folios, shows ~420.
/// </summary>
public class ReadaheadTests
{
    private const ulong Size = 32UL << 20;
    private const long Pages = 8192;

    private static (Kernel Kernel, int Mm, int File) Cold(Action<MachineSettings>? configure = null)
    {
        var kernel = Boot(m =>
        {
            m.Ram = 128UL << 20;
            m.Readahead = 8UL << 20;
            configure?.Invoke(m);
        });
        var mm = kernel.Process();
        var file = kernel.CreateFile("cold.dat", Size, cached: false, dirty: false);
        return (kernel, mm, file);
    }

    private static ulong Map(Kernel kernel, int mm, int file, bool exec = false, bool populate = false)
    {
        var start = kernel.Mmap(mm, new MmapRequest(Size, MapKind.File, Read: true, Write: false, Exec: exec, Populate: populate, ObjectId: file), out var error);
        Assert.Equal(Errno.Ok, error);
        return start;
    }

    private static long CachedPages(Kernel kernel) => kernel.Meminfo(MeminfoField.Cached) / 4096;

    [Fact]
    public void Cold32M_ReadPageByPage_Costs1MajorFault_TheRestMinor()
    {
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);

        kernel.Touch(mm, start, Pages, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.Equal(1, status.MajFlt);
        Assert.Equal(511, status.MinFlt);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgmajfault));
        Assert.Equal(Pages, CachedPages(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Cold32M_TheFirstFaultReadsOneWindow_ItsMarkReadsTheNext_WithoutWaiting()
    {
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);

        long cost = 0;
        Assert.Equal(FaultResult.Major, kernel.Access(mm, start, AccessKind.Read, ref cost));
        Assert.Equal(2048, CachedPages(kernel));   // [0, 8M): read-around cannot start before the file

        kernel.Touch(mm, start, 1536, AccessKind.Read);
        Assert.Equal(2048, CachedPages(kernel));
        cost = 0;
        Assert.Equal(FaultResult.Minor, kernel.Access(mm, start + 1536 * Page, AccessKind.Read, ref cost));
        Assert.Equal(4096, CachedPages(kernel));   // the mark 2 MiB before the end: [8M, 16M) read
        Assert.Equal(kernel.Costs.FileMinorFault, cost);   // the task does not wait for that read
    }

    [Fact]
    public void Cold32M_MadviseSequential_Costs1MajorFault()
    {
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, Size, Advice.Sequential));

        kernel.Touch(mm, start, Pages, AccessKind.Read);

        Assert.Equal(1, kernel.Status(mm).MajFlt);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgmajfault));
    }

    [Fact]
    public void Cold32M_MadviseRandom_CostsAMajorFaultPerPage()
    {
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, Size, Advice.Random));

        kernel.Touch(mm, start, Pages, AccessKind.Read);

        Assert.Equal(8192, kernel.Status(mm).MajFlt);
        Assert.Equal(0, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void Cold32M_FromPage4000_ReadsAroundIt_AndCosts1MajorFault()
    {
        // Measured: 1 major; 5216 pages cached at the end ([2976, 8192)).
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);

        kernel.Touch(mm, start + 4000 * Page, Pages - 4000, AccessKind.Read);

        Assert.Equal(1, kernel.Status(mm).MajFlt);
        Assert.Equal(5216, CachedPages(kernel));
    }

    [Fact]
    public void Cold32M_SequentialFromPage4000_CostsAMajorFaultPerWindow()
    {
        // Measured: 3 major, 4192 pages cached: page_cache_sync_ra sees a lone read
        // (mmap keeps no prev_pos) and reads [p, p + ra) with no mark, three times.
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, Size, Advice.Sequential));

        kernel.Touch(mm, start + 4000 * Page, Pages - 4000, AccessKind.Read);

        Assert.Equal(3, kernel.Status(mm).MajFlt);
        Assert.Equal(4192, CachedPages(kernel));
    }

    [Fact]
    public void Cold32M_ExecMappingFromPage4000_ReadsForwardOnly_AMajorFaultPerWindow()
    {
        // Measured: 3 major, 4192 pages cached (6.17+: exec read-around starts at the page, no mark).
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file, exec: true);

        kernel.Touch(mm, start + 4000 * Page, Pages - 4000, AccessKind.Read);

        Assert.Equal(3, kernel.Status(mm).MajFlt);
        Assert.Equal(4192, CachedPages(kernel));
    }

    [Fact]
    public void Cold32M_MapPopulate_CountsMinorFaultsOnly_WhilePgmajfaultCountsTheRead()
    {
        // Measured: majflt +0, minflt ~420, pgmajfault +1, the whole file cached.
        var (kernel, mm, file) = Cold();

        var start = Map(kernel, mm, file, populate: true);

        var status = kernel.Status(mm);
        Assert.Equal(0, status.MajFlt);
        Assert.Equal(512, status.MinFlt);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgmajfault));
        Assert.Equal(Pages, CachedPages(kernel));
        kernel.Touch(mm, start, Pages, AccessKind.Read);
        Assert.Equal(512, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void Cold32M_MadviseWillNeed_ReadsTheReadaheadSizeWithoutAFault_TheRestCosts1Major()
    {
        // Measured: willneed takes no fault; reading all of it then costs 1 major
        // (force_page_cache_ra reads at most the read-ahead size: [0, 8M)).
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, Size, Advice.WillNeed));
        Assert.Equal(0, kernel.Status(mm).MinFlt + kernel.Status(mm).MajFlt);
        Assert.Equal(2048, CachedPages(kernel));

        kernel.Touch(mm, start, Pages, AccessKind.Read);
        Assert.Equal(1, kernel.Status(mm).MajFlt);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgmajfault));
    }

    [Fact]
    public void MadviseWillNeed_OnSwappedOutAnonymousMemory_ReadsItIntoTheSwapCache_ALaterAccessIsMinor()
    {
        var kernel = Boot(m => m.Swap = 16UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Touch(mm, start, 16);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 16 * Page, Advice.PageOut));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        var minflt = kernel.Status(mm).MinFlt;

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 16 * Page, Advice.WillNeed));

        Assert.Equal(16, kernel.Vmstat(VmCounter.pswpin));
        Assert.Equal(16L * 4096, kernel.Meminfo(MeminfoField.SwapCached));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        Assert.Equal(minflt, kernel.Status(mm).MinFlt);
        kernel.AssertSelfChecksPass();

        kernel.Touch(mm, start, 16, AccessKind.Read);
        Assert.Equal(0, kernel.Status(mm).MajFlt);
        Assert.Equal(minflt + 16, kernel.Status(mm).MinFlt);
        Assert.Equal(64, Kb(kernel.Status(mm).RssAnon));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ReadaheadPagesDroppedBeforeUse_FaultAgainAsMajor()
    {
        // Read-ahead pages not yet mapped are ordinary unmapped cache: drop_caches
        // (or reclaim) frees them, and the reader's next fault there reads again.
        var (kernel, mm, file) = Cold();
        var start = Map(kernel, mm, file);
        kernel.Touch(mm, start, 1537, AccessKind.Read);
        Assert.Equal(4096, CachedPages(kernel));

        kernel.DropCaches();
        Assert.Equal(1552, CachedPages(kernel));   // the pages mapped so far stay

        kernel.Touch(mm, start + 1537 * Page, Pages - 1537, AccessKind.Read);
        Assert.Equal(2, kernel.Status(mm).MajFlt);
        Assert.Equal(2, kernel.Vmstat(VmCounter.pgmajfault));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MoreThan100MissesThanHits_StopReadAround_UntilAHitComesBack()
    {
        // do_sync_mmap_readahead: mmap_miss + 1 per miss, read-around stops above
        // MMAP_LOTSAMISS (100); a hit that reaches filemap_fault takes 1 off.
        var kernel = Boot(m =>
        {
            m.Readahead = 8 * Page;
            m.FaultAround = 0;
        });
        var mm = kernel.Process();
        var file = kernel.CreateFile("f", 4096 * Page, cached: false, dirty: false);
        var start = kernel.MapFile(mm, file, 4096 * Page);

        for (var i = 0; i < 102; i++)
        {
            kernel.Once(mm, start + (ulong)(16 * i + 8) * Page, AccessKind.Read);
        }

        Assert.Equal(102, kernel.Status(mm).MajFlt);
        Assert.Equal(100 * 8 + 2, CachedPages(kernel));   // the 101st and 102nd read their page only

        for (var p = 9UL; p < 12; p++)
        {
            Assert.Equal(FaultResult.Minor, kernel.Once(mm, start + p * Page, AccessKind.Read));
        }

        Assert.Equal(FaultResult.Major, kernel.Once(mm, start + 2000 * Page, AccessKind.Read));
        // 3 hits: 99 (page 10 is the mark of [4, 12): [12, 20) read too), this miss 100: read-around again
        Assert.Equal(102 * 8 + 2, CachedPages(kernel));
    }
}
