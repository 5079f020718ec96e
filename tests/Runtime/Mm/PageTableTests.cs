using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class PageTableTests
{
    private static (Kernel Kernel, int Mm, long BaselineKb) ProcessWithTouchedStack(bool charged = true)
    {
        var kernel = Boot(m => m.PageTablesCharged = charged);
        var mm = kernel.Process();
        kernel.Touch(mm, kernel.StackTop(mm) - Page, 1);
        return (kernel, mm, Kb(kernel.Status(mm).VmPte));
    }

    [Fact]
    public void Pages2MiBApart_InOneGiBWindow_Cost2052KbOfVmPte()
    {
        var (kernel, mm, baseline) = ProcessWithTouchedStack();
        var start = kernel.Mmap(mm, new MmapRequest(2UL << 30, MapKind.AnonPrivate, true, true, false, NoReserve: true), out var error);
        Assert.Equal(Errno.Ok, error);
        var window = (start + (1UL << 30) - 1) & ~((1UL << 30) - 1);

        for (var i = 0UL; i < 512; i++)
        {
            kernel.Touch(mm, window + i * (2UL << 20), 1);
        }

        Assert.Equal(2052, Kb(kernel.Status(mm).VmPte) - baseline);
        Assert.Equal(2052, (kernel.Meminfo(MeminfoField.PageTables) >> 10) - baseline - 4); // + the PGD
    }

    [Fact]
    public void ContiguousPages_2MiBAligned_Cost4KbOfVmPte()
    {
        var (kernel, mm, baseline) = ProcessWithTouchedStack();
        var start = kernel.MapAnon(mm, 2UL << 20);

        kernel.Touch(mm, start, 512);

        Assert.Equal(4, Kb(kernel.Status(mm).VmPte) - baseline);
    }

    [Fact]
    public void MadviseDontNeed_FreesOnlyPteTables_MunmapFreesTheTablesNoVmaUses()
    {
        var (kernel, mm, baseline) = ProcessWithTouchedStack();
        var start = kernel.Mmap(mm, new MmapRequest(2UL << 30, MapKind.AnonPrivate, true, true, false, NoReserve: true), out _);
        for (var i = 0UL; i < 64; i++)
        {
            kernel.Touch(mm, start + i * (2UL << 20), 1);
        }

        var touched = Kb(kernel.Status(mm).VmPte);
        kernel.Madvise(mm, start, 2UL << 30, Advice.DontNeed);
        Assert.Equal(touched - 64 * 4, Kb(kernel.Status(mm).VmPte));   // the PMD and PUD tables stay
        Assert.Equal(4, Kb(kernel.Status(mm).RssAnon)); // the stack page

        kernel.Munmap(mm, start, 2UL << 30);
        Assert.Equal(baseline, Kb(kernel.Status(mm).VmPte));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MadviseDontNeed_OfAWhole4MiB_FreesItsTwoPteTables_VmPteMinus8Kb()
    {
        var (kernel, mm, _) = ProcessWithTouchedStack();
        var start = kernel.MapAnon(mm, 4UL << 20);
        kernel.Touch(mm, start, 1024);
        var before = Kb(kernel.Status(mm).VmPte);
        var pageTables = kernel.Meminfo(MeminfoField.PageTables);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 4UL << 20, Advice.DontNeed));

        Assert.Equal(before - 8, Kb(kernel.Status(mm).VmPte));
        Assert.Equal(pageTables - 8192, kernel.Meminfo(MeminfoField.PageTables));
        Assert.Equal(FaultResult.Minor, kernel.Once(mm, start, AccessKind.Read));   // the zero page, through a new table
        Assert.Equal(before - 4, Kb(kernel.Status(mm).VmPte));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MadviseDontNeed_KeepsATableThatStillMapsSomething()
    {
        var (kernel, mm, _) = ProcessWithTouchedStack();
        var start = kernel.MapAnon(mm, 4UL << 20);
        kernel.Touch(mm, start, 1024);
        var before = Kb(kernel.Status(mm).VmPte);

        kernel.Madvise(mm, start, 3UL << 20, Advice.DontNeed);

        Assert.Equal(before - 4, Kb(kernel.Status(mm).VmPte));
        Assert.Equal(1024, Kb(kernel.Status(mm).RssAnon) - 4);
        Assert.Equal(FaultResult.Hit, kernel.Once(mm, start + (3UL << 20), AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PartialMunmap_KeepsTheTableStillUsedByTheRest()
    {
        var (kernel, mm, baseline) = ProcessWithTouchedStack();
        var start = kernel.MapAnon(mm, 2UL << 20);
        kernel.Touch(mm, start, 512);

        kernel.Munmap(mm, start, 1UL << 20);

        Assert.Equal(4, Kb(kernel.Status(mm).VmPte) - baseline);
        Assert.Equal(FaultResult.Hit, kernel.Once(mm, start + (1UL << 20), AccessKind.Read));
    }

    [Fact]
    public void ChargedPageTables_TakeFramesFromRam_FreeOnesDoNot()
    {
        var (charged, chargedMm, _) = ProcessWithTouchedStack(charged: true);
        var (free, freeMm, _) = ProcessWithTouchedStack(charged: false);

        Assert.Equal(Kb(charged.Status(chargedMm).VmPte) + 4, charged.Meminfo(MeminfoField.PageTables) >> 10);
        Assert.Equal(0, free.Meminfo(MeminfoField.PageTables));
        Assert.Equal(free.Meminfo(MeminfoField.MemTotal) - 4096, free.Meminfo(MeminfoField.MemFree));
        Assert.Equal(Kb(charged.Status(chargedMm).VmPte), Kb(free.Status(freeMm).VmPte));
    }

    [Fact]
    public void Exit_FreesEveryPageAndTable()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 1UL << 20);
        kernel.Touch(mm, start, 256);

        kernel.Exit(mm);

        Assert.Equal(kernel.Meminfo(MeminfoField.MemTotal), kernel.AllFreeBytes());
        kernel.AssertSelfChecksPass();
    }
}
