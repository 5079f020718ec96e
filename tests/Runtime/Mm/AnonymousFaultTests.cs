using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class AnonymousFaultTests
{
    [Fact]
    public void FirstWrite_IsOneMinorFault_AndAddsOnePageOfRssAnon()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 64 * Page);

        var cost = kernel.Touch(mm, start, 1);

        var status = kernel.Status(mm);
        Assert.Equal(1, status.MinFlt);
        Assert.Equal(4, Kb(status.RssAnon));
        Assert.Equal(4, Kb(status.VmRss));
        Assert.Equal(kernel.Costs.AnonFault, cost);
        Assert.Equal(1, kernel.Vmstat(VmCounter.pgfault));
    }

    [Fact]
    public void FirstRead_MapsTheZeroPage_WithoutRss()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);

        var cost = kernel.Touch(mm, start, 16, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.Equal(16, status.MinFlt);
        Assert.Equal(0UL, status.VmRss);
        Assert.Equal(16 * kernel.Costs.ZeroPageFault, cost);
        Assert.Equal(0, kernel.Meminfo(MeminfoField.AnonPages));
    }

    [Fact]
    public void WriteAfterRead_TakesASecondMinorFault_AndAllocatesAFrame()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 1, AccessKind.Read);

        var cost = kernel.Touch(mm, start, 1, AccessKind.Write);

        Assert.Equal(2, kernel.Status(mm).MinFlt);
        Assert.Equal(4, Kb(kernel.Status(mm).RssAnon));
        Assert.Equal(kernel.Costs.WriteAfterZeroPage, cost);
    }

    [Fact]
    public void ResidentPage_IsATlbHit_WithNoFault()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4);

        var cost = kernel.Touch(mm, start, 4, AccessKind.Read) + kernel.Touch(mm, start, 4);

        Assert.Equal(4, kernel.Status(mm).MinFlt);
        Assert.Equal(8 * kernel.Costs.TlbHit, cost);
    }

    [Fact]
    public void Populate_FaultsEveryPageIn_CountedAsMinorFaults()
    {
        var kernel = Boot();
        var mm = kernel.Process();

        kernel.MapAnon(mm, 16 * Page, populate: true);

        var status = kernel.Status(mm);
        Assert.Equal(16, status.MinFlt);
        Assert.Equal(64, Kb(status.RssAnon));
        Assert.Equal(16 * kernel.Costs.PopulatePerPage, kernel.LastSyscallCostNs);
    }

    [Fact]
    public void PopulateReadOnly_AllocatesZeroedFrames_NotTheZeroPage()
    {
        // Measured on 6.18 (docs/probes/populate_ro.c): 16 MiB read-only, MAP_POPULATE:
        // one minor fault per page, RssAnon +16384 kB; reading it afterwards takes no fault.
        var kernel = Boot();
        var mm = kernel.Process();

        var start = kernel.MapAnon(mm, 4096 * Page, write: false, populate: true);

        Assert.Equal(4096, kernel.Status(mm).MinFlt);
        Assert.Equal(16384UL * 1024, kernel.Status(mm).RssAnon);
        kernel.Touch(mm, start, 4096, AccessKind.Read);
        Assert.Equal(4096, kernel.Status(mm).MinFlt);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PopulateReadOnly_LeavesThePagesReadOnly()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page, write: false, populate: true);

        long cost = 0;
        Assert.Equal(FaultResult.SegvAccErr, kernel.Access(mm, start, AccessKind.Write, ref cost));
    }

    [Fact]
    public void MadviseWillNeed_OnFreshAnonymousMemory_TakesNoFaultAndNoRss()
    {
        // Measured on 6.18 (docs/probes/readahead_probe.c): 1 MiB, minflt +0, nothing resident.
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 256 * Page);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 256 * Page, Advice.WillNeed));

        Assert.Equal(0, kernel.Status(mm).MinFlt + kernel.Status(mm).MajFlt);
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        Assert.Equal(0, kernel.Vmstat(VmCounter.pgfault));
    }

    [Fact]
    public void MadviseDontNeed_DropsPages_AndARereadMapsTheZeroPage()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 4 * Page, Advice.DontNeed));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);

        var cost = kernel.Touch(mm, start, 1, AccessKind.Read);
        Assert.Equal(kernel.Costs.ZeroPageFault, cost);
        Assert.Equal(5, kernel.Status(mm).MinFlt);
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        Assert.Equal(0, kernel.Meminfo(MeminfoField.AnonPages));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ReadOfExecOnlyMapping_Costs1MinorFault_AsExecImpliesRead()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.Mmap(mm, new MmapRequest(Page, MapKind.AnonPrivate, Read: false, Write: false, Exec: true, Shared: false), out var error);
        Assert.Equal(Errno.Ok, error);

        Assert.Equal(FaultResult.Minor, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(FaultResult.Hit, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, start, AccessKind.Write));
        Assert.Equal(1, kernel.Status(mm).MinFlt);
    }
}
