using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class SyscallEdgeTests
{
    [Fact]
    public void ShmGet_ReturnsTheExistingSegment_AndRefusesALargerSize()
    {
        var kernel = Boot();
        var id = kernel.ShmGet("k", 8 * Page, out var created);

        Assert.Equal(Errno.Ok, created);
        Assert.Equal(id, kernel.ShmGet("k", 4 * Page, out var again));
        Assert.Equal(Errno.Ok, again);
        Assert.Equal(-1, kernel.ShmGet("k", 16 * Page, out var tooBig));
        Assert.Equal(Errno.EINVAL, tooBig);
        Assert.Equal(8 * Page, kernel.ShmSize(kernel.FindShm("k")));
    }

    [Fact]
    public void ShmGet_IsCommitted_UnderOvercommitNever()
    {
        var kernel = Boot(m => m.Overcommit = OvercommitMode.Never);
        var before = kernel.Meminfo(MeminfoField.Committed_AS);

        kernel.ShmGet("k", 1UL << 20, out var fits);
        kernel.ShmGet("big", 40UL << 20, out var refused);

        Assert.Equal(Errno.Ok, fits);
        Assert.Equal(Errno.ENOMEM, refused);
        Assert.Equal(before + (1L << 20), kernel.Meminfo(MeminfoField.Committed_AS));
    }

    [Fact]
    public void MadviseWillNeed_OnAFile_ReadsItIntoTheCache_WithoutFaults()
    {
        var kernel = Boot(m => m.Readahead = 64 * Page);
        var mm = kernel.Process();
        var file = kernel.CreateFile("f", 64 * Page, cached: false, dirty: false);
        var start = kernel.MapFile(mm, file, 64 * Page, address: 0x7fff00000000);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 64 * Page, Advice.WillNeed));
        Assert.Equal(0, kernel.Status(mm).MinFlt + kernel.Status(mm).MajFlt);
        Assert.Equal(64L * 4096, kernel.Meminfo(MeminfoField.Cached));

        kernel.Touch(mm, start, 64, AccessKind.Read);
        Assert.Equal(0, kernel.Status(mm).MajFlt);
        Assert.Equal(4, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void MadviseOnHalfAMapping_SplitsIt_AsMapsShows()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        var before = kernel.Maps(mm).Count;

        kernel.Madvise(mm, start, 8 * Page, Advice.Random);
        Assert.Equal(before + 1, kernel.Maps(mm).Count);

        kernel.Madvise(mm, start, 8 * Page, Advice.Normal);
        Assert.Equal(before, kernel.Maps(mm).Count);
    }

    [Fact]
    public void MprotectOrMadviseOverAHole_IsEnomem()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Munmap(mm, start + 4 * Page, 4 * Page);

        Assert.Equal(Errno.ENOMEM, kernel.Mprotect(mm, start, 16 * Page, true, false, false));
        Assert.Equal(Errno.ENOMEM, kernel.Madvise(mm, start, 16 * Page, Advice.DontNeed));
        Assert.Equal(Errno.EINVAL, kernel.Munmap(mm, start + 1, Page));
    }

    [Fact]
    public void Fork_CopiesAPrivateFileMappingWithCopyOnWritePages_ItsFilePagesToo()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var file = kernel.CreateFile("f", 16 * Page, cached: true, dirty: false);
        var start = kernel.MapFile(parent, file, 16 * Page, write: true, address: 0x7fff00000000);
        kernel.Touch(parent, start, 16, AccessKind.Read);
        kernel.Touch(parent, start, 1);

        var child = kernel.Fork(parent);

        Assert.Equal(4, Kb(kernel.Status(child).RssAnon));
        Assert.Equal(60, Kb(kernel.Status(child).RssFile));
        Assert.Equal(FaultResult.Hit, kernel.Once(child, start, AccessKind.Read));
        Assert.Equal(FaultResult.Hit, kernel.Once(child, start + Page, AccessKind.Read));
        Assert.Equal(FaultResult.Minor, kernel.Once(child, start, AccessKind.Write));
        Assert.Equal(4, Kb(kernel.Status(child).RssAnon));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MmapFixed_ReplacesWhatWasThere()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Touch(mm, start, 16);

        var again = kernel.Mmap(mm, new MmapRequest(4 * Page, MapKind.AnonPrivate, true, false, false, Address: start + 4 * Page), out var error);

        Assert.Equal(Errno.Ok, error);
        Assert.Equal(start + 4 * Page, again);
        Assert.Equal(48, Kb(kernel.Status(mm).RssAnon));
        Assert.Single(kernel.Maps(mm), v => v.Start == again && v.Perms == "r--p");
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, again, AccessKind.Write));
    }
}
