using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The self-check a report runs walks the swap slots that were ever used, in
/// a reused buffer: a large swap area costs the host nothing per report.
/// </summary>
public class SwapSelfCheckTests
{
    [Fact]
    public void SelfCheck_WithLargeSwap_AllocatesLittle_AndStillPasses()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 32UL << 20;
            m.Swap = 8UL << 30;
            m.Overcommit = OvercommitMode.Always;
        });
        var mm = kernel.Process();
        const long pages = 48 * 256;
        var start = kernel.MapAnon(mm, pages * Page);
        kernel.Touch(mm, start, pages, AccessKind.Write);
        Assert.True(kernel.Vmstat(VmCounter.pswpout) > 0);
        kernel.AssertSelfChecksPass();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var checks = kernel.SelfCheck();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.All(checks, c => Assert.True(c.Ok, c.Detail));
        Assert.True(allocated < 1L << 20, $"{allocated} bytes for one self-check with 8 GiB of swap");
    }
}
