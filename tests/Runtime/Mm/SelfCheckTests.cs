using System.Runtime.CompilerServices;
using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class SelfCheckTests
{
    [Fact]
    public void ReadFindingAnotherStamp_IsReportedAsAnInternalError()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4);
        Assert.True(kernel.InjectContentCorruption(mm, start + Page));

        kernel.Touch(mm, start, 4, AccessKind.Read);

        var stamps = Assert.Single(kernel.SelfCheck(), c => c.Name == "content stamps intact");
        Assert.False(stamps.Ok);
        Assert.Contains("0x" + (start + Page).ToString("x", System.Globalization.CultureInfo.InvariantCulture), stamps.Detail);
        Assert.True(Assert.Single(kernel.SelfCheck(), c => c.Name == "frames conserved").Ok);
    }

    [Fact]
    public void PageFrame_Costs40BytesOfHostMemory()
    {
        Assert.True(Unsafe.SizeOf<PageFrame>() <= 40, $"{Unsafe.SizeOf<PageFrame>()} bytes");
    }

    [Fact]
    public void NewPages_AreInactive_OnTheirKindsList()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 8 * Page);
        kernel.Touch(mm, start, 8);
        kernel.CreateFile("f", 4 * Page, cached: true, dirty: false);
        kernel.MapAnon(mm, 2 * Page, populate: true, shared: true);

        Assert.Equal(0, kernel.Meminfo(MeminfoField.Active));
        Assert.Equal(40L << 10, kernel.Meminfo(MeminfoField.Inactive_anon));
        Assert.Equal(16L << 10, kernel.Meminfo(MeminfoField.Inactive_file));

        kernel.Munmap(mm, start, 8 * Page);
        Assert.Equal(8L << 10, kernel.Meminfo(MeminfoField.Inactive_anon));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void LargeMachine_TouchingOnePage_StaysSmallOnTheHost()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var kernel = Boot(m => m.Ram = 64UL << 30);
        var mm = kernel.Process();
        kernel.Touch(mm, kernel.MapAnon(mm, Page), 1);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4L << 20, $"{allocated} bytes for a 64 GiB machine");
    }

    [Fact]
    public void AccessToResidentPages_AllocatesNothingOnTheHost()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 256 * Page);
        kernel.Touch(mm, start, 256);
        long cost = 0;
        kernel.Access(mm, start, AccessKind.Read, ref cost);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0UL; i < 256; i++)
            {
                kernel.Access(mm, start + i * Page, round % 2 == 0 ? AccessKind.Read : AccessKind.Write, ref cost);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
