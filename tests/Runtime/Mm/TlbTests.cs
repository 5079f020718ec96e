using MemScript.Runtime;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class TlbTests
{
    // 64 entries, 4 ways: 16 sets chosen by the low 4 bits of the page number.
    private const ulong SameSetStride = 16 * Page;

    [Fact]
    public void FourPagesOfOneSet_StayInTheTlb_AllHits()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 64 * Page);
        for (var i = 0UL; i < 4; i++)
        {
            kernel.Touch(mm, start + i * SameSetStride, 1);
        }

        long cost = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0UL; i < 4; i++)
            {
                cost += kernel.Touch(mm, start + i * SameSetStride, 1, AccessKind.Read);
            }
        }

        Assert.Equal(12 * kernel.Costs.TlbHit, cost);
    }

    [Fact]
    public void FivePagesOfOneSet_ThrashTheL1_TheSecondLevelHoldsThem()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 80 * Page);
        for (var i = 0UL; i < 5; i++)
        {
            kernel.Touch(mm, start + i * SameSetStride, 1);
        }

        long cost = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0UL; i < 5; i++)
            {
                cost += kernel.Touch(mm, start + i * SameSetStride, 1, AccessKind.Read);
            }
        }

        Assert.Equal(15 * kernel.Costs.StlbHit, cost);
        Assert.Equal(5, kernel.TlbCounts().Misses);   // the five first touches (faults) only
    }

    [Fact]
    public void FivePagesOfOneSet_WithoutSecondLevel_EveryAccessWalks()
    {
        var kernel = Boot(m => m.StlbEntries = 0);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 80 * Page);
        for (var i = 0UL; i < 5; i++)
        {
            kernel.Touch(mm, start + i * SameSetStride, 1);
        }

        long cost = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0UL; i < 5; i++)
            {
                cost += kernel.Touch(mm, start + i * SameSetStride, 1, AccessKind.Read);
            }
        }

        Assert.Equal(15 * kernel.Costs.TlbMiss, cost);
        Assert.Equal(5 + 15, kernel.TlbCounts().Misses);
    }

    [Fact]
    public void TlbOff_PricesEveryAccessToAMappedPageAsAHit()
    {
        var kernel = Boot(m => m.TlbEntries = 0);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 80 * Page);
        kernel.Touch(mm, start, 80);

        var cost = kernel.Touch(mm, start, 80, AccessKind.Read);

        Assert.Equal(80 * kernel.Costs.TlbHit, cost);
    }

    [Fact]
    public void MunmapOfAnUntouchedPage_FlushesNothing()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 8 * Page);
        kernel.Touch(mm, start, 8);
        var other = kernel.MapAnon(mm, Page);

        kernel.Munmap(mm, other, Page);

        Assert.Equal(kernel.Costs.TlbHit, kernel.Touch(mm, start, 1, AccessKind.Read));
        Assert.Equal(0, kernel.Vmstat(VmCounter.nr_tlb_local_flush_one) + kernel.Vmstat(VmCounter.nr_tlb_local_flush_all));
    }

    [Fact]
    public void MunmapOfTouchedPages_FlushesThemOneByOne_UpTo33_ThenTheWholeTlb()
    {
        var kernel = Boot(m => m.StlbEntries = 0);
        var mm = kernel.Process();
        kernel.SwitchMm(mm);
        var start = kernel.MapAnon(mm, 8 * Page);
        kernel.Touch(mm, start, 8);
        var few = kernel.MapAnon(mm, 33 * Page);
        kernel.Touch(mm, few, 33);
        var many = kernel.MapAnon(mm, 34 * Page);
        kernel.Touch(mm, many, 34);
        kernel.Touch(mm, start, 1, AccessKind.Read);

        kernel.Munmap(mm, few, 33 * Page);

        Assert.Equal(33, kernel.Vmstat(VmCounter.nr_tlb_local_flush_one));
        Assert.Equal(kernel.Costs.TlbHit, kernel.Touch(mm, start, 1, AccessKind.Read));

        kernel.Munmap(mm, many, 34 * Page);

        Assert.Equal(1, kernel.Vmstat(VmCounter.nr_tlb_local_flush_all));
        Assert.Equal(kernel.Costs.TlbMiss, kernel.Touch(mm, start, 1, AccessKind.Read));
    }
}
