using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class AccountingTests
{
    private static ulong Map(Kernel kernel, int mm, ulong length, bool write, out Errno error, bool noReserve = false) =>
        kernel.Mmap(mm, new MmapRequest(length, MapKind.AnonPrivate, true, write, false, NoReserve: noReserve), out error);

    [Fact]
    public void OvercommitNever_RefusesPastCommitLimit_ButNotReadOnlyOrNoReserve()
    {
        var kernel = Boot(m => m.Overcommit = OvercommitMode.Never);
        var mm = kernel.Process();
        Assert.Equal(32L << 20, kernel.Meminfo(MeminfoField.CommitLimit));
        var free = (kernel.Meminfo(MeminfoField.CommitLimit) - kernel.Meminfo(MeminfoField.Committed_AS)) / 4096;

        Map(kernel, mm, (ulong)free * Page, write: true, out var fits);
        Map(kernel, mm, Page, write: true, out var refused);
        Map(kernel, mm, 100UL << 20, write: false, out var readOnly);
        Map(kernel, mm, 100UL << 20, write: true, out var noReserve, noReserve: true);

        Assert.Equal(Errno.Ok, fits);
        Assert.Equal(Errno.ENOMEM, refused);
        Assert.Equal(Errno.Ok, readOnly);
        Assert.Equal(Errno.Ok, noReserve);
        Assert.Equal(kernel.Meminfo(MeminfoField.CommitLimit), kernel.Meminfo(MeminfoField.Committed_AS));
    }

    [Fact]
    public void OvercommitNever_BrkGrowthIsCommittedToo()
    {
        var kernel = Boot(m => m.Overcommit = OvercommitMode.Never);
        var mm = kernel.Process();
        var heap = kernel.HeapStart(mm);

        Assert.Equal(heap, kernel.SetBrk(mm, heap + (40UL << 20)));
        Assert.Equal(heap + (1UL << 20), kernel.SetBrk(mm, heap + (1UL << 20)));
    }

    [Fact]
    public void OvercommitHeuristic_RefusesOneRequestLargerThanRamPlusSwap_NotTheRunningTotal()
    {
        var kernel = Boot();
        var mm = kernel.Process();

        Map(kernel, mm, 65UL << 20, write: true, out var tooBig);
        Map(kernel, mm, 60UL << 20, write: true, out var first);
        Map(kernel, mm, 60UL << 20, write: true, out var second);

        Assert.Equal(Errno.ENOMEM, tooBig);
        Assert.Equal(Errno.Ok, first);
        Assert.Equal(Errno.Ok, second);
    }

    [Fact]
    public void OvercommitAlways_NeverRefuses()
    {
        var kernel = Boot(m => m.Overcommit = OvercommitMode.Always);
        var mm = kernel.Process();

        Map(kernel, mm, 1UL << 40, write: true, out var error);

        Assert.Equal(Errno.Ok, error);
    }

    [Fact]
    public void LimitAsAndLimitData_RefuseWithEnomem()
    {
        var kernel = Boot();
        var mm = kernel.Process(limitAs: 1UL << 20, limitData: 512UL << 10);
        var heap = kernel.HeapStart(mm);

        Map(kernel, mm, 1UL << 20, write: false, out var overAs);
        Map(kernel, mm, 512UL << 10, write: true, out var overData);
        Map(kernel, mm, 256UL << 10, write: false, out var fits);

        Assert.Equal(Errno.ENOMEM, overAs);
        Assert.Equal(Errno.ENOMEM, overData);
        Assert.Equal(Errno.Ok, fits);
        Assert.Equal(heap, kernel.SetBrk(mm, heap + (512UL << 10)));
    }

    [Fact]
    public void KernelReservation_TakesFramesAtBoot()
    {
        var kernel = Boot(m => m.Kernel = 8UL << 20);

        Assert.Equal(56L << 20, kernel.Meminfo(MeminfoField.MemFree));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void FramesAreConserved_AfterAMixOfOperations()
    {
        var kernel = Boot(m => m.Kernel = 1UL << 20);
        var a = kernel.Process("a");
        var anon = kernel.MapAnon(a, 64 * Page);
        kernel.Touch(a, anon, 64);
        var file = kernel.CreateFile("f", 1UL << 20, cached: false, dirty: false);
        var mapped = kernel.MapFile(a, file, 1UL << 20, write: true);
        kernel.Touch(a, mapped, 100, AccessKind.Read);
        kernel.Touch(a, mapped, 10);
        var shm = kernel.ShmGet("s", 16 * Page, out _);
        var seg = kernel.Mmap(a, new MmapRequest(16 * Page, MapKind.SysVShm, true, true, false, Shared: true, ObjectId: shm), out _);
        kernel.Touch(a, seg, 16);
        var b = kernel.Fork(a);
        kernel.Touch(b, anon, 32);
        kernel.Munmap(a, anon + 8 * Page, 8 * Page);
        kernel.Madvise(b, anon, 16 * Page, Advice.DontNeed);
        kernel.Mprotect(a, mapped, 4 * Page, true, false, false);
        kernel.SetBrk(a, kernel.HeapStart(a) + (200UL << 10));
        kernel.Touch(a, kernel.HeapStart(a), 50);
        kernel.Exit(b);

        kernel.AssertSelfChecksPass();
        var accounted = kernel.AllFreeBytes() + kernel.Meminfo(MeminfoField.AnonPages)
            + kernel.Meminfo(MeminfoField.Cached) + kernel.Meminfo(MeminfoField.PageTables) + kernel.Meminfo(MeminfoField.Slab) + (1L << 20);
        Assert.Equal(kernel.Meminfo(MeminfoField.MemTotal), accounted);
        Assert.Equal(kernel.Status(a).VmRss, kernel.Status(a).RssAnon + kernel.Status(a).RssFile + kernel.Status(a).RssShmem);
    }

    [Fact]
    public void FaultCosts_FollowTheCostModel()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("cold", 64 * Page, cached: false, dirty: false);
        var mapped = kernel.MapFile(mm, file, 64 * Page);

        var other = kernel.Process("other");
        var again = kernel.MapFile(other, file, 64 * Page);

        var major = kernel.Touch(mm, mapped, 1, AccessKind.Read);
        var warm = kernel.Touch(other, again, 1, AccessKind.Read);

        Assert.Equal(80_000, major);
        Assert.Equal(2_200, warm);
    }
}
