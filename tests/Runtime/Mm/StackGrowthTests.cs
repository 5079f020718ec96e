using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>Stack growth against RLIMIT_STACK and stack_guard_gap, with Linux 6.18's figures (docs/probes/stack.c).</summary>
public class StackGrowthTests
{
    private const ulong Top = Kernel.StackTopAddress;

    [Fact]
    public void Growth_StopsAtTheLimit_AndTheNextPageIsSegvMaperr_WithoutAFault()
    {
        var kernel = Boot();
        var mm = kernel.CreateAddressSpace("p", 1UL << 20, null, null);

        kernel.Touch(mm, Top - 256 * Page, 256);   // the top 1 MiB, lowest page first
        Assert.Equal(1024, Kb(kernel.Status(mm).VmStk));
        var faults = kernel.Status(mm).MinFlt;

        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, Top - 257 * Page, AccessKind.Write));
        Assert.Equal(faults, kernel.Status(mm).MinFlt);
        Assert.Equal(1024, Kb(kernel.Status(mm).VmStk));
    }

    [Fact]
    public void InitialStack_Is132KiB_OrTheLimitWhenSmaller()
    {
        var kernel = Boot();
        Assert.Equal(132, Kb(kernel.Status(kernel.CreateAddressSpace("a", 8UL << 20, null, null)).VmStk));
        Assert.Equal(64, Kb(kernel.Status(kernel.CreateAddressSpace("b", 64UL << 10, null, null)).VmStk));
    }

    [Fact]
    public void Growth_KeepsTheGuardGap_FromAnAccessibleMappingBelow()
    {
        var kernel = Boot();
        var mm = kernel.CreateAddressSpace("p", 8UL << 20, null, null);
        var stackStart = Top - 132 * 1024;
        var below = stackStart - 1088 * 1024 - Page;   // as in the probe: 1088 KiB under the stack
        Assert.Equal(below, kernel.Mmap(mm, new MmapRequest(Page, MapKind.AnonPrivate, true, false, false, Address: below), out _));

        // 16 pages fit (1024 KiB left, exactly the gap); the 17th would come within 256 pages
        for (var i = 1; i <= 16; i++)
            Assert.Equal(FaultResult.Minor, kernel.Once(mm, stackStart - (ulong)i * Page, AccessKind.Write));
        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, stackStart - 17 * Page, AccessKind.Write));
        Assert.Equal(132 + 64, Kb(kernel.Status(mm).VmStk));
    }

    [Fact]
    public void Growth_ReachesAProtNoneMapping_AndThenFaultsOnIt()
    {
        var kernel = Boot();
        var mm = kernel.CreateAddressSpace("p", 8UL << 20, null, null);
        var stackStart = Top - 132 * 1024;
        var below = stackStart - 64 * 1024 - Page;
        Assert.Equal(below, kernel.Mmap(mm, new MmapRequest(Page, MapKind.AnonPrivate, false, false, false, Address: below), out _));

        kernel.Touch(mm, stackStart - 16 * Page, 16);
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, below, AccessKind.Write));
        Assert.Equal(132 + 64, Kb(kernel.Status(mm).VmStk));
    }
}
