using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class ForkTests
{
    private static (Kernel Kernel, int Parent, int Child, ulong Start) ForkAfterWriting(long pages)
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 16 * Page);
        kernel.Touch(parent, start, pages);
        var child = kernel.Fork(parent);
        return (kernel, parent, child, start);
    }

    [Fact]
    public void PrivateFileMapping_WithCopyOnWritePages_IsCopiedWhole_TheChildStartsWithRssFile4032Kb()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var file = kernel.CreateFile("data", 4UL << 20, cached: true, dirty: false);
        var start = kernel.MapFile(parent, file, 4UL << 20, write: true);
        kernel.Touch(parent, start, 1024, AccessKind.Read);
        kernel.Touch(parent, start, 16, AccessKind.Write);   // 16 pages copied: the VMA has an anon_vma

        var child = kernel.Fork(parent);

        Assert.Equal(4032, Kb(kernel.Status(child).RssFile));
        Assert.Equal(64, Kb(kernel.Status(child).RssAnon));
        kernel.Touch(child, start, 1024, AccessKind.Read);
        Assert.Equal(0, kernel.Status(child).MinFlt);
        Assert.Equal(0, kernel.Status(child).MajFlt);
        kernel.Touch(child, start, 1, AccessKind.Write);      // a copy-on-write page: copied again
        kernel.Touch(child, start + 16 * Page, 1, AccessKind.Write);   // a file page: copied from the cache
        Assert.Equal(2, kernel.Status(child).MinFlt);
        Assert.Equal(4028, Kb(kernel.Status(child).RssFile));
        kernel.Exit(parent);
        kernel.Touch(child, start, 1024, AccessKind.Read);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PrivateFileMapping_OnlyRead_IsNotCopied_TheChildRefaultsIt()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var file = kernel.CreateFile("data", 4UL << 20, cached: true, dirty: false);
        var start = kernel.MapFile(parent, file, 4UL << 20, write: true);
        kernel.Touch(parent, start, 1024, AccessKind.Read);

        var child = kernel.Fork(parent);

        Assert.Equal(0, Kb(kernel.Status(child).RssFile));
        kernel.Touch(child, start, 1024, AccessKind.Read);
        Assert.Equal(64, kernel.Status(child).MinFlt);        // fault-around, 16 pages a fault
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void AnonymousMapping_OnlyRead_HasNoAnonVma_SoTheChildRefaultsTheZeroPage()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 16 * Page);
        kernel.Touch(parent, start, 16, AccessKind.Read);

        var child = kernel.Fork(parent);

        kernel.Touch(child, start, 16, AccessKind.Read);
        Assert.Equal(16, kernel.Status(child).MinFlt);
        Assert.Equal(0, Kb(kernel.Status(child).RssAnon));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Child_CountsTheSharedCopyOnWritePages_InItsRssAnon()
    {
        var (kernel, parent, child, _) = ForkAfterWriting(4);

        Assert.Equal(16, Kb(kernel.Status(child).RssAnon));
        Assert.Equal(16, Kb(kernel.Status(parent).RssAnon));
        Assert.Equal(16L << 10, kernel.Meminfo(MeminfoField.AnonPages));
        Assert.Equal(0, kernel.Status(child).MinFlt);
    }

    [Fact]
    public void WriteToASharedCopyOnWritePage_IsOneMinorFault_CopyingWithoutChangingRss()
    {
        var (kernel, parent, child, start) = ForkAfterWriting(4);

        kernel.Touch(child, start, 1);

        Assert.Equal(1, kernel.Status(child).MinFlt);
        Assert.Equal(16, Kb(kernel.Status(child).RssAnon));
        Assert.Equal(20L << 10, kernel.Meminfo(MeminfoField.AnonPages));
    }

    [Fact]
    public void WriteAfterTheOtherSideCopied_ReusesThePage_WithoutACopy()
    {
        var (kernel, parent, child, start) = ForkAfterWriting(4);
        kernel.Touch(child, start, 1);

        kernel.Touch(parent, start, 1);

        Assert.Equal(5, kernel.Status(parent).MinFlt);
        Assert.Equal(20L << 10, kernel.Meminfo(MeminfoField.AnonPages));
    }

    [Fact]
    public void WriteAfterTheOtherProcessExited_ReusesEveryPage()
    {
        var (kernel, parent, child, start) = ForkAfterWriting(4);
        kernel.Exit(child);

        kernel.Touch(parent, start, 4);

        Assert.Equal(8, kernel.Status(parent).MinFlt);
        Assert.Equal(16L << 10, kernel.Meminfo(MeminfoField.AnonPages));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ContentStamps_SurviveCopyOnWrite_InBothProcesses()
    {
        var (kernel, parent, child, start) = ForkAfterWriting(8);

        kernel.Touch(child, start, 8);
        kernel.Touch(parent, start, 4);
        kernel.Touch(parent, start, 8, AccessKind.Read);
        kernel.Touch(child, start, 8, AccessKind.Read);

        var stamps = Assert.Single(kernel.SelfCheck(), c => c.Name == "content stamps intact");
        Assert.True(stamps.Ok, stamps.Detail);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void FileAndSharedMappings_AreNotCopied_TheChildRefaultsThem()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var file = kernel.CreateFile("f", 64 * Page, cached: true, dirty: false);
        var start = kernel.MapFile(parent, file, 64 * Page, address: 0x7fff00000000);
        kernel.Touch(parent, start, 16, AccessKind.Read);

        var child = kernel.Fork(parent);

        Assert.Equal(0UL, kernel.Status(child).RssFile);
        Assert.Equal(FaultResult.Minor, kernel.Once(child, start, AccessKind.Read));
        Assert.Equal(64, Kb(kernel.Status(child).RssFile));
    }

    [Fact]
    public void ZeroPageMappings_OfAVmaWithAnonymousPages_AreInherited_AndAWriteStillFaults()
    {
        var kernel = Boot();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 8 * Page);
        kernel.Touch(parent, start, 4, AccessKind.Read);
        kernel.Touch(parent, start + 4 * Page, 1, AccessKind.Write);   // an anonymous page: the VMA has an anon_vma
        var child = kernel.Fork(parent);

        Assert.Equal(FaultResult.Hit, kernel.Once(child, start, AccessKind.Read));
        Assert.Equal(FaultResult.Minor, kernel.Once(child, start, AccessKind.Write));
        Assert.Equal(8, Kb(kernel.Status(child).RssAnon));
    }
}
