using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>mlock/munlock against Linux 6.18's figures (docs/probes/mlock.c).</summary>
public class MlockTests
{
    private const long Pages = 256;   // 1 MiB

    private static long Kib(Kernel kernel, MeminfoField field) => kernel.Meminfo(field) / 1024;

    [Fact]
    public void Mlock_FreshAnon_FaultsEveryPageIn_AndCountsItLocked()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Pages * Page);

        Assert.Equal(Errno.Ok, kernel.Mlock(mm, start, Pages * Page, capIpcLock: true));

        var status = kernel.Status(mm);
        Assert.Equal(256, status.MinFlt);
        Assert.Equal(1024, Kb(status.RssAnon));
        Assert.Equal(1024, Kb(status.VmLck));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Unevictable));
        Assert.Equal(0, Kib(kernel, MeminfoField.Inactive_anon) + Kib(kernel, MeminfoField.Active_anon));
        Assert.Equal(Pages * kernel.Costs.PopulatePerPage, kernel.LastSyscallCostNs);
        kernel.Touch(mm, start, Pages);
        Assert.Equal(256, kernel.Status(mm).MinFlt);   // no fault after
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Mlock_ReadOnlyAnon_GetsRealPages_NotTheZeroPage()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Pages * Page, write: false);

        kernel.Mlock(mm, start, Pages * Page, capIpcLock: true);

        Assert.Equal(256, kernel.Status(mm).MinFlt);
        Assert.Equal(1024, Kb(kernel.Status(mm).RssAnon));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, start, AccessKind.Write));
    }

    [Fact]
    public void Mlock_WarmFileReadOnly_IsMappedByFaultAround_SixteenPagesAFault()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("data", 512 * Page, cached: true, dirty: false);
        var start = kernel.MapFile(mm, file, 512 * Page);   // 2 MiB: placed 2 MiB-aligned

        kernel.Mlock(mm, start, 512 * Page, capIpcLock: true);

        Assert.Equal(32, kernel.Status(mm).MinFlt);
        Assert.Equal(2048, Kb(kernel.Status(mm).RssFile));
        Assert.Equal(2048, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(0, Kib(kernel, MeminfoField.Inactive_file));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Mlock_WarmFilePrivateWritable_CopiesEveryPage()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("data", Pages * Page, cached: true, dirty: false);
        var start = kernel.MapFile(mm, file, Pages * Page, write: true);

        kernel.Mlock(mm, start, Pages * Page, capIpcLock: true);

        Assert.Equal(256, kernel.Status(mm).MinFlt);
        Assert.Equal(1024, Kb(kernel.Status(mm).RssAnon));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Inactive_file));   // the file pages are not locked
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Munlock_KeepsThePagesMapped_AndPutsThemBackOnTheLru()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, Pages * Page);
        kernel.Mlock(mm, start, Pages * Page, capIpcLock: true);

        Assert.Equal(Errno.Ok, kernel.Munlock(mm, start, Pages * Page));

        Assert.Equal(0, Kb(kernel.Status(mm).VmLck));
        Assert.Equal(1024, Kb(kernel.Status(mm).VmRss));
        Assert.Equal(0, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(0, Kib(kernel, MeminfoField.Unevictable));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Inactive_anon));
        Assert.Equal(256, kernel.Status(mm).MinFlt);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MlockOfPart_SplitsTheVma_AndMunlockMergesItBack()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        var before = kernel.Maps(mm).Count;

        kernel.Mlock(mm, start + 4 * Page, 4 * Page, capIpcLock: true);
        Assert.Equal(before + 2, kernel.Maps(mm).Count);
        Assert.Equal(16, Kb(kernel.Status(mm).VmLck));

        kernel.Munlock(mm, start + 4 * Page, 4 * Page);
        Assert.Equal(before, kernel.Maps(mm).Count);
    }

    [Fact]
    public void MadviseDontneedAndPageout_OnLockedMemory_AreEinval_AndDropNothing()
    {
        var kernel = Boot(m => m.Swap = 64UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Mlock(mm, start, 16 * Page, capIpcLock: true);

        Assert.Equal(Errno.EINVAL, kernel.Madvise(mm, start, 16 * Page, Advice.DontNeed));
        Assert.Equal(Errno.EINVAL, kernel.Madvise(mm, start, 16 * Page, Advice.PageOut));
        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 16 * Page, Advice.WillNeed));

        Assert.Equal(64, Kb(kernel.Status(mm).VmRss));
        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
    }

    [Fact]
    public void Fork_ChildDoesNotInheritTheLock_AndItsCopiesAreEvictable()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, Pages * Page);
        kernel.Mlock(parent, start, Pages * Page, capIpcLock: true);

        var child = kernel.Fork(parent);
        kernel.Touch(child, start, Pages);

        Assert.Equal(0, Kb(kernel.Status(child).VmLck));
        Assert.Equal(1024, Kb(kernel.Status(parent).VmLck));
        Assert.Equal(256, kernel.Status(child).MinFlt);
        Assert.Equal(1024, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(1024, Kib(kernel, MeminfoField.Inactive_anon));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ParentWriteAfterFork_LocksTheCopy_AndReleasesTheSharedPage()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 16 * Page);
        kernel.Mlock(parent, start, 16 * Page, capIpcLock: true);
        kernel.Fork(parent);

        kernel.Touch(parent, start, 16);

        Assert.Equal(64, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(64, Kib(kernel, MeminfoField.Inactive_anon));   // the child's pages, no longer locked
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MunmapAndExit_ReleaseTheLocks()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var a = kernel.MapAnon(mm, 16 * Page);
        var b = kernel.MapAnon(mm, 16 * Page);
        kernel.Mlock(mm, a, 16 * Page, capIpcLock: true);
        kernel.Mlock(mm, b, 16 * Page, capIpcLock: true);

        kernel.Munmap(mm, a, 16 * Page);
        Assert.Equal(64, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(64, Kb(kernel.Status(mm).VmLck));

        kernel.Exit(mm);
        Assert.Equal(0, Kib(kernel, MeminfoField.Mlocked));
        Assert.Equal(0, Kib(kernel, MeminfoField.Unevictable));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void UnderPressure_LockedPagesStay_WhileOthersGoToSwap()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 32UL << 20;
            m.Swap = 64UL << 20;
            m.Overcommit = OvercommitMode.Always;
        });
        var mm = kernel.Process();
        var locked = kernel.MapAnon(mm, 1024 * Page);
        kernel.Mlock(mm, locked, 1024 * Page, capIpcLock: true);
        var other = kernel.MapAnon(mm, 8192 * Page);

        kernel.Touch(mm, other, 8192);

        Assert.True(kernel.Vmstat(VmCounter.pswpout) > 0);
        Assert.Equal(4096, Kib(kernel, MeminfoField.Mlocked));
        var faults = kernel.Status(mm).MinFlt;
        kernel.Touch(mm, locked, 1024, AccessKind.Read);
        Assert.Equal(faults, kernel.Status(mm).MinFlt);   // every locked page still resident
        Assert.Equal(0, kernel.Status(mm).MajFlt);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MlockUnderPressure_ReclaimsOtherPages_AndKeepsEveryPageItFaulted()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 32UL << 20;
            m.Swap = 64UL << 20;
            m.Overcommit = OvercommitMode.Always;
        });
        var mm = kernel.Process();
        var other = kernel.MapAnon(mm, 6144 * Page);
        kernel.Touch(mm, other, 6144);   // 24 MiB
        var locked = kernel.MapAnon(mm, 3072 * Page);

        Assert.Equal(Errno.Ok, kernel.Mlock(mm, locked, 3072 * Page, capIpcLock: true));

        Assert.True(kernel.Vmstat(VmCounter.pswpout) > 0);
        Assert.Equal(12288, Kib(kernel, MeminfoField.Mlocked));
        var faults = kernel.Status(mm).MinFlt;
        kernel.Touch(mm, locked, 3072, AccessKind.Read);
        Assert.Equal(faults, kernel.Status(mm).MinFlt);
        Assert.Equal(0, kernel.Status(mm).MajFlt);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void NonRoot_IsBoundByRlimitMemlock_8MiB()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 3072 * Page);

        Assert.Equal(Errno.Ok, kernel.Mlock(mm, start, 2048 * Page, capIpcLock: false));
        Assert.Equal(Errno.Ok, kernel.Mlock(mm, start, 2048 * Page, capIpcLock: false));   // already locked: no more
        Assert.Equal(Errno.ENOMEM, kernel.Mlock(mm, start, 3072 * Page, capIpcLock: false));
        Assert.Equal(Errno.Ok, kernel.Mlock(mm, start, 3072 * Page, capIpcLock: true));
    }

    [Fact]
    public void RangeWithAHole_IsEnomem_AndLocksNothing()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Munmap(mm, start + 4 * Page, 4 * Page);

        Assert.Equal(Errno.ENOMEM, kernel.Mlock(mm, start, 16 * Page, capIpcLock: true));
        Assert.Equal(0, Kb(kernel.Status(mm).VmLck));
        Assert.Equal(0, kernel.Status(mm).MinFlt);
    }
}
