using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class SharedMemoryTests
{
    private static ulong Attach(Kernel kernel, int mm, int shm, bool write = true)
    {
        var start = kernel.Mmap(mm, new MmapRequest(kernel.ShmSize(shm), MapKind.SysVShm, Read: true, Write: write, Exec: false, Shared: true, ObjectId: shm), out var error);
        Assert.Equal(Errno.Ok, error);
        return start;
    }

    [Fact]
    public void SharedAnonymousRead_AllocatesARealPage_CountedInRssShmem()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page, shared: true);

        kernel.Touch(mm, start, 1, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.Equal(1, status.MinFlt);
        Assert.Equal(4, Kb(status.RssShmem));
        Assert.Equal(0UL, status.RssAnon);
        Assert.Equal(4L << 10, kernel.Meminfo(MeminfoField.Shmem));
    }

    [Fact]
    public void SharedAnonymousRead_FaultsAroundPresentPages_InAForkedChild()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.Mmap(parent, new MmapRequest(16 * Page, MapKind.AnonShared, true, true, false, Shared: true, Address: 0x7fff00000000), out _);
        kernel.Touch(parent, start, 16);
        var child = kernel.Fork(parent);
        Assert.Equal(0UL, kernel.Status(child).RssShmem);

        kernel.Touch(child, start, 16, AccessKind.Read);

        Assert.Equal(1, kernel.Status(child).MinFlt);
        Assert.Equal(64, Kb(kernel.Status(child).RssShmem));
        Assert.Equal(64L << 10, kernel.Meminfo(MeminfoField.Shmem));
    }

    [Fact]
    public void SysVSegment_AttachedInTwoProcesses_CountsInBothRss_AndOnceInMeminfo()
    {
        var kernel = Boot();
        var a = kernel.Process("a");
        var b = kernel.Process("b");
        var shm = kernel.ShmGet("cache", 8 * Page, out var error);
        Assert.Equal(Errno.Ok, error);
        var atA = Attach(kernel, a, shm);
        var atB = Attach(kernel, b, shm);

        kernel.Touch(a, atA, 8);
        kernel.Touch(b, atB, 8, AccessKind.Read);
        var writesAfterRead = kernel.Touch(b, atB, 8);

        Assert.Equal(8, kernel.Status(a).MinFlt);
        Assert.Equal(8, kernel.Status(b).MinFlt);
        Assert.Equal(32, Kb(kernel.Status(a).RssShmem));
        Assert.Equal(32, Kb(kernel.Status(b).RssShmem));
        Assert.Equal(8 * kernel.Costs.TlbHit, writesAfterRead);
        Assert.Equal(32L << 10, kernel.Meminfo(MeminfoField.Shmem));
        Assert.Equal(kernel.Meminfo(MeminfoField.Shmem), kernel.Meminfo(MeminfoField.Mapped));
    }

    [Fact]
    public void SysVSegment_RemovedWhileAttached_IsFreedWhenTheLastAttachmentGoes()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var shm = kernel.ShmGet("42", 4 * Page, out _);
        var start = Attach(kernel, mm, shm);
        kernel.Touch(mm, start, 4);

        Assert.Equal(Errno.Ok, kernel.ShmRemove("42"));
        Assert.Equal(-1, kernel.FindShm("42"));
        Assert.Equal(16L << 10, kernel.Meminfo(MeminfoField.Shmem));

        kernel.Munmap(mm, start, 4 * Page);
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Shmem));
        Assert.Equal(Errno.ENOENT, kernel.ShmRemove("42"));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void SysVAndSharedAnonymous_AreNamedAsLinuxNamesThem()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var shm = kernel.ShmGet("cache", 4 * Page, out _);
        var sysv = Attach(kernel, mm, shm, write: false);
        var anon = kernel.MapAnon(mm, 4 * Page, shared: true);

        var maps = kernel.Maps(mm);

        var sysvLine = Assert.Single(maps, v => v.Start == sysv);
        Assert.Equal("/SYSV00000001 (deleted)", sysvLine.Path);
        Assert.Equal("r--s", sysvLine.Perms);
        var anonLine = Assert.Single(maps, v => v.Start == anon);
        Assert.Equal("/dev/zero (deleted)", anonLine.Path);
        Assert.Equal("rw-s", anonLine.Perms);
    }
}
