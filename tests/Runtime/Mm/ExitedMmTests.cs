using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// An mm the OOM killer (or exit) has taken is gone for good: a library
/// call still running on its behalf must not map, unmap, protect, advise or
/// fork it, nor account anything to it.
/// </summary>
public sealed class ExitedMmTests
{
    private static (Kernel Kernel, int Mm, ulong Region) Exited()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var region = kernel.MapAnon(mm, 16 * Page);
        kernel.Touch(mm, region, 16);
        kernel.Exit(mm);
        return (kernel, mm, region);
    }

    [Fact]
    public void ExitedMm_RefusesEverySyscall_AndStaysEmpty()
    {
        var (kernel, mm, region) = Exited();
        var brk = kernel.Brk(mm);

        Assert.False(kernel.IsAlive(mm));
        Assert.Equal(0UL, kernel.Mmap(mm, new MmapRequest(16 * Page, MapKind.AnonPrivate, Read: true, Write: true, Exec: false), out var error));
        Assert.NotEqual(Errno.Ok, error);
        Assert.NotEqual(Errno.Ok, kernel.Munmap(mm, region, 16 * Page));
        Assert.NotEqual(Errno.Ok, kernel.Mprotect(mm, region, 16 * Page, read: true, write: false, exec: false));
        Assert.NotEqual(Errno.Ok, kernel.Madvise(mm, region, 16 * Page, Advice.WillNeed));
        Assert.Equal(brk, kernel.SetBrk(mm, brk + 64 * Page));
        Assert.Equal(-1, kernel.Fork(mm));

        Assert.Empty(kernel.Maps(mm));
        Assert.Equal(0UL, kernel.Status(mm).VmRss);
        Assert.Equal(0L, kernel.LastSyscallCostNs);
    }

    [Fact]
    public void ExitedMm_AccessFaultsWithoutAllocating()
    {
        var (kernel, mm, region) = Exited();
        var free = kernel.Meminfo(MeminfoField.MemFree);
        long cost = 0;

        var result = kernel.Access(mm, region, AccessKind.Write, ref cost);

        Assert.NotEqual(FaultResult.Minor, result);
        Assert.Equal(free, kernel.Meminfo(MeminfoField.MemFree));
    }
}
