using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class FileFaultTests
{
    private const ulong FourMiB = 4UL << 20;
    private const long FilePages = 1024;

    private static (Kernel Kernel, int Mm, int File) Setup(bool cached, Action<MachineSettings>? configure = null)
    {
        var kernel = Boot(configure);
        var mm = kernel.Process();
        var file = kernel.CreateFile("data.bin", FourMiB, cached, dirty: false);
        return (kernel, mm, file);
    }

    [Fact]
    public void WarmFile_ReadPageByPage_Costs64Faults_WhenMapping64KAligned()
    {
        var (kernel, mm, file) = Setup(cached: true);
        var start = kernel.MapFile(mm, file, FourMiB);
        Assert.Equal(0UL, start % (64 << 10));

        kernel.Touch(mm, start, FilePages, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.Equal(64, status.MinFlt);
        Assert.Equal(0, status.MajFlt);
        Assert.Equal(4096, Kb(status.RssFile));
        Assert.Equal((long)FourMiB, kernel.Meminfo(MeminfoField.Mapped));
    }

    [Fact]
    public void WarmFile_ReadPageByPage_Costs65Faults_WhenMappingNot64KAligned()
    {
        var (kernel, mm, file) = Setup(cached: true);
        var start = kernel.MapFile(mm, file, FourMiB, address: 0x7fff00001000);

        kernel.Touch(mm, start, FilePages, AccessKind.Read);

        Assert.Equal(65, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void WarmFile_1MAtPage15OfAWindow_Costs17Faults()
    {
        var (kernel, mm, file) = Setup(cached: true);
        var start = kernel.MapFile(mm, file, 1UL << 20, address: 0x7fff0000f000);

        kernel.Touch(mm, start, 256, AccessKind.Read);

        Assert.Equal(17, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void Warm64KFile_MappedAtPage15OfAWindow_Costs1Fault_AsTheWindowExtendsFromTheVmaStart()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("small.bin", 64UL << 10, cached: true, dirty: false);
        var start = kernel.MapFile(mm, file, 64UL << 10, address: 0x7fff0000f000);

        kernel.Touch(mm, start, 16, AccessKind.Read);

        Assert.Equal(1, kernel.Status(mm).MinFlt);
        Assert.Equal(64, Kb(kernel.Status(mm).RssFile));
    }

    [Fact]
    public void SharedAnon64K_MappedAtPage15OfAWindow_MapsAll16PagesOnOneRead()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.Mmap(mm, new MmapRequest(16 * Page, MapKind.AnonShared, true, true, false, Shared: true, Address: 0x7fff0000f000), out var error);
        Assert.Equal(Errno.Ok, error);
        var child = kernel.Fork(mm);
        kernel.Touch(mm, start, 16, AccessKind.Write);

        kernel.Touch(child, start, 1, AccessKind.Read);

        Assert.Equal(64, Kb(kernel.Status(child).RssShmem));
    }

    [Fact]
    public void ColdFile_With8MReadahead_Costs1MajorAnd63Minor()
    {
        // Pages mapped by fault-around were never accessed: each first access is a TLB miss.
        var (kernel, mm, file) = Setup(cached: false, m => m.Readahead = 8UL << 20);
        var start = kernel.MapFile(mm, file, FourMiB);

        var cost = kernel.Touch(mm, start, FilePages, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.Equal(1, status.MajFlt);
        Assert.Equal(63, status.MinFlt);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgmajfault));
        Assert.Equal(64, kernel.Vmstat(VmCounter.pgfault));
        Assert.Equal(kernel.Costs.MajorFault + 63 * kernel.Costs.FileMinorFault + 960 * kernel.Costs.TlbMiss, cost);
    }

    [Fact]
    public void ColdFile_WithMadviseRandom_CostsAMajorFaultPerPage()
    {
        var (kernel, mm, file) = Setup(cached: false, m => m.Readahead = 8UL << 20);
        var start = kernel.MapFile(mm, file, FourMiB);
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, FourMiB, Advice.Random));

        kernel.Touch(mm, start, FilePages, AccessKind.Read);

        Assert.Equal(1024, kernel.Status(mm).MajFlt);
        Assert.Equal(0, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void ColdFile_WithDefault128KReadahead_Costs1Major_TheMarksFaultingOnTheirOwn()
    {
        // [0, 32) marked at 24: faults at 0 (major), 16, 24 (the mark: [32, 64) read,
        // marked at 32); then two faults per 32 pages, the mark and the page 16 after.
        var (kernel, mm, file) = Setup(cached: false);
        var start = kernel.MapFile(mm, file, FourMiB);

        kernel.Touch(mm, start, FilePages, AccessKind.Read);

        Assert.Equal(1, kernel.Status(mm).MajFlt);
        Assert.Equal(64, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void PrivateFileWrite_CopiesOnWrite_MovingRssFileToRssAnon()
    {
        var (kernel, mm, file) = Setup(cached: true);
        var start = kernel.MapFile(mm, file, FourMiB, write: true);
        kernel.Touch(mm, start, 1, AccessKind.Read);
        Assert.Equal(64, Kb(kernel.Status(mm).RssFile));

        kernel.Touch(mm, start, 1, AccessKind.Write);
        kernel.Touch(mm, start + 20 * Page, 1, AccessKind.Write);

        var status = kernel.Status(mm);
        Assert.Equal(3, status.MinFlt);
        Assert.Equal(60, Kb(status.RssFile));
        Assert.Equal(8, Kb(status.RssAnon));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Dirty));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void SharedFileWrite_DirtiesThePageCache_OneMinorPerPage()
    {
        var (kernel, mm, file) = Setup(cached: true);
        var start = kernel.MapFile(mm, file, FourMiB, write: true, shared: true);

        kernel.Touch(mm, start, 4, AccessKind.Write);

        var status = kernel.Status(mm);
        Assert.Equal(4, status.MinFlt);
        Assert.Equal(16, Kb(status.RssFile));
        Assert.Equal(0UL, status.RssAnon);
        Assert.Equal(16L << 10, kernel.Meminfo(MeminfoField.Dirty));
    }

    [Fact]
    public void AccessPastEndOfFile_InsideTheVma_IsSigbus_WithNoFaultCounted()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("short", 10_000, cached: true, dirty: false);
        var start = kernel.MapFile(mm, file, 4 * Page);

        Assert.Equal(FaultResult.Minor, kernel.Once(mm, start + 2 * Page, AccessKind.Read));
        Assert.Equal(FaultResult.Bus, kernel.Once(mm, start + 3 * Page, AccessKind.Read));
        Assert.Equal(1, kernel.Status(mm).MinFlt);
        Assert.Equal(12, Kb(kernel.Status(mm).RssFile));
    }

    [Fact]
    public void CachedFile_CountsInCachedAndDirty_WithoutBeingMapped()
    {
        var kernel = Boot();
        kernel.CreateFile("log", 1UL << 20, cached: true, dirty: true);

        Assert.Equal(1L << 20, kernel.Meminfo(MeminfoField.Cached));
        Assert.Equal(1L << 20, kernel.Meminfo(MeminfoField.Dirty));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Mapped));
        var pcp = kernel.ZoneStates().Sum(z => z.PcpCount);   // the pages the per-CPU lists took from the buddy allocator
        Assert.Equal((64L << 20) - (1L << 20) - (pcp * 4096L), kernel.Meminfo(MeminfoField.MemFree));
    }
}
