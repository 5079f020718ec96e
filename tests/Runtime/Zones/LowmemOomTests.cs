using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// The lowmem OOM of a 32-bit machine: a GFP_KERNEL allocation (a driver's kmalloc, slab, a
/// page table) may use DMA and Normal only (896 MiB on i386), so when they are exhausted it
/// reclaims (only LowMem pages can help it) and then calls the OOM killer, however much
/// HighMem is free. A 2 GiB box has 1152 MiB of HighMem.
/// </summary>
public class LowmemOomTests
{
    [Fact]
    public void KmallocLoop_On2GiBI386_OomsWithHighMemStillFree()
    {
        var kernel = Boot(m => { m.Ram = 2UL << 30; m.Layout = "i386"; });
        var mm = kernel.Process("user");
        kernel.MapAnon(mm, 64UL << 20, populate: true);
        var host = new RecordingHost(kernel, mm);
        kernel.OomHost = host;

        // 1 GiB of kmalloc-4k: more than LowMem holds. The user's exit frees its page tables only.
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Kmalloc(4096, 262144));

        Assert.Equal(2, host.Calls);
        Assert.Equal(GfpZone.Kernel, host.Restricted);
        Assert.True(host.HighFreeAtFirstCall > 1000L << 20, $"HighFree {host.HighFreeAtFirstCall >> 20} MiB at the OOM");
        // LowMem at its marks: Normal's min (1422 pages) and DMA's lowmem_reserve for GFP_KERNEL (880 pages) stay free.
        Assert.True(host.LowFreeAtFirstCall < 12L << 20, $"LowFree {host.LowFreeAtFirstCall >> 10} kB at the OOM");
        Assert.True(kernel.Meminfo(MeminfoField.HighFree) > 1100L << 20);
    }

    [Fact]
    public void EveryGfpKernelPath_WithLowMemEmpty_OomsInsteadOfAnInternalError()
    {
        var kernel = Boot(m => { m.Ram = 2UL << 30; m.Layout = "i386"; });
        var mm = kernel.Process("user");
        var area = kernel.MapAnon(mm, 64UL << 20);
        kernel.Touch(mm, area, 1);
        var host = new RecordingHost(kernel, victim: -1);
        kernel.OomHost = host;
        // kmalloc-64 slabs are one page each: LowMem is taken down to its last free page.
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Kmalloc(64, 20_000_000));

        // A page table (the next 4 MiB of the mapping), a new address space's tables, a slab
        // object (a VMA), a pinned kernel page: each is a GFP_KERNEL allocation.
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Touch(mm, area + (8UL << 20), 1));
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Process("second"));
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.Kmalloc(64, 100000));
        Assert.Throws<OutOfMemoryPanicException>(() => kernel.PinKernelPages(1));
        Assert.Equal(GfpZone.Kernel, host.Restricted);

        // A user page still comes from HighMem.
        kernel.Touch(mm, area + Page, 1);
    }

    /// <summary>Kills <c>victim</c> once (when it is not -1), then finds no victim; records what the first call saw.</summary>
    private sealed class RecordingHost(Kernel kernel, int victim) : IOomHost
    {
        public int Calls { get; private set; }

        public GfpZone? Restricted { get; private set; }

        public long HighFreeAtFirstCall { get; private set; }

        public long LowFreeAtFirstCall { get; private set; }

        public OomOutcome OutOfMemory(int requesterMm, long pagesWanted)
        {
            if (Calls++ == 0)
            {
                HighFreeAtFirstCall = kernel.Meminfo(MeminfoField.HighFree);
                LowFreeAtFirstCall = kernel.Meminfo(MeminfoField.LowFree);
            }

            Restricted = kernel.OomZoneRestricted;
            if (victim < 0 || Calls > 1)
            {
                return OomOutcome.NoVictim;
            }

            kernel.Exit(victim);
            return OomOutcome.KilledOther;
        }
    }
}
