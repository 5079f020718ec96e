using MemScript.Runtime;
using MemScript.Runtime.Mm;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>Small helpers to drive the kernel core directly in tests.</summary>
internal static class KernelKit
{
    public const ulong Page = 4096;

    public static Kernel Boot(Action<MachineSettings>? configure = null)
    {
        var machine = new MachineSettings();
        configure?.Invoke(machine);
        return new Kernel(machine);
    }

    /// <summary>A kernel whose reclaim policy is the test's FIFO (the order pages were allocated in).</summary>
    public static Kernel BootFifo(Action<MachineSettings>? configure = null)
    {
        var machine = new MachineSettings();
        configure?.Invoke(machine);
        return new Kernel(machine, frames => new FifoTestPolicy(frames));
    }

    public static int Process(this Kernel kernel, string command = "p", ulong? limitAs = null, ulong? limitData = null) =>
        kernel.CreateAddressSpace(command, 8UL << 20, limitAs, limitData);

    public static ulong MapAnon(this Kernel kernel, int mm, ulong length, bool write = true, bool populate = false, bool shared = false)
    {
        var start = kernel.Mmap(mm, new MmapRequest(length, shared ? MapKind.AnonShared : MapKind.AnonPrivate, Read: true, Write: write, Exec: false, Shared: shared, Populate: populate), out var error);
        Assert.Equal(Errno.Ok, error);
        return start;
    }

    public static ulong MapFile(this Kernel kernel, int mm, int file, ulong length, bool write = false, bool shared = false, ulong address = 0)
    {
        var start = kernel.Mmap(mm, new MmapRequest(length, MapKind.File, Read: true, Write: write, Exec: false, Shared: shared, ObjectId: file, Address: address), out var error);
        Assert.Equal(Errno.Ok, error);
        return start;
    }

    /// <summary>One access per page over [start, start + pages * 4 KiB); returns the total cost.</summary>
    public static long Touch(this Kernel kernel, int mm, ulong start, long pages, AccessKind kind = AccessKind.Write)
    {
        long cost = 0;
        for (var i = 0L; i < pages; i++)
        {
            var result = kernel.Access(mm, start + (ulong)i * Page, kind, ref cost);
            Assert.True(result is FaultResult.Hit or FaultResult.Minor or FaultResult.Major, $"page {i}: {result}");
        }

        return cost;
    }

    public static FaultResult Once(this Kernel kernel, int mm, ulong address, AccessKind kind)
    {
        long cost = 0;
        return kernel.Access(mm, address, kind, ref cost);
    }

    public static long Kb(ulong bytes) => (long)(bytes / 1024);

    /// <summary>Every free frame in bytes: MemFree (the buddy lists) plus the pages on the per-CPU lists, which MemFree leaves out.</summary>
    public static long AllFreeBytes(this Kernel kernel) => kernel.Meminfo(MeminfoField.MemFree) + (kernel.PcpPages * (long)kernel.Machine.PageSize);

    public static void AssertSelfChecksPass(this Kernel kernel)
    {
        foreach (var check in kernel.SelfCheck())
        {
            Assert.True(check.Ok, $"{check.Name}: {check.Detail}");
        }
    }
}
