using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>The reclaim engine driven by the textbook policies of the <c>reclaim</c> setting.</summary>
public class PolicyIntegrationTests
{
    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("clock")]
    [InlineData("random")]
    public void WorkingSetLargerThanRam_RoundTripsThroughSwap_WithEveryTextbookPolicy(string policy)
    {
        var kernel = Boot(m =>
        {
            m.Ram = 16UL << 20;
            m.Swap = 32UL << 20;
            m.Overcommit = OvercommitMode.Always;
            m.Reclaim = policy;
        });
        var mm = kernel.Process();
        const long pages = 24 * 256;
        var start = kernel.MapAnon(mm, pages * Page);

        kernel.Touch(mm, start, pages, AccessKind.Write);
        kernel.Touch(mm, start, pages, AccessKind.Read);

        var status = kernel.Status(mm);
        Assert.True(kernel.Vmstat(VmCounter.pswpin) > 0);
        Assert.Equal(kernel.Vmstat(VmCounter.pswpin), (long)status.MajFlt);
        Assert.True(status.RssAnon + status.VmSwap >= pages * Page);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void WillNeed_OnAFileLargerThanRam_ReadsThroughReclaim()
    {
        // willneed reads at most the read-ahead size: make it the whole file.
        var kernel = BootFifo(m =>
        {
            m.Ram = 8UL << 20;
            m.Overcommit = OvercommitMode.Always;
            m.Readahead = 16UL << 20;
        });
        var file = kernel.CreateFile("big", 16UL << 20, cached: false, dirty: false);
        var mm = kernel.Process();
        var start = kernel.MapFile(mm, file, 16UL << 20);

        Assert.Equal(Errno.Ok, kernel.Madvise(mm, start, 16UL << 20, Advice.WillNeed));

        Assert.True(kernel.Vmstat(VmCounter.pgsteal_direct) > 0);
        Assert.True(kernel.Meminfo(MeminfoField.Cached) > 0);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void FileMappedReadsLargerThanRam_DropCleanPages_AndCountRefaults()
    {
        var kernel = BootFifo(m =>
        {
            m.Ram = 8UL << 20;
            m.Overcommit = OvercommitMode.Always;
        });
        var file = kernel.CreateFile("big", 16UL << 20, cached: false, dirty: false);
        var mm = kernel.Process();
        var start = kernel.MapFile(mm, file, 16UL << 20);

        kernel.Touch(mm, start, 4096, AccessKind.Read);
        kernel.Touch(mm, start, 4096, AccessKind.Read);

        Assert.True(kernel.Vmstat(VmCounter.workingset_refault_file) > 0);
        Assert.Equal(0, kernel.Vmstat(VmCounter.pswpout));
        kernel.AssertSelfChecksPass();
    }
}
