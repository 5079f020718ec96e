using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Runtime.Glibc;

/// <summary>The malloc model's view of a running process: brk, mmap and memory accesses go to the kernel, costs to the clock.</summary>
internal sealed class KernelMallocHost(ProcessTask task) : IMallocHost
{
    public ulong PageSize => task.Kernel.Machine.PageSize;

    public ulong HeapStart => task.Kernel.HeapStart(task.Mm);

    public ulong CurrentBrk => task.Kernel.Brk(task.Mm);

    public ulong SetBrk(ulong newBrk)
    {
        var result = task.Kernel.SetBrk(task.Mm, newBrk);
        task.ChargeSyscall();
        return result;
    }

    public ulong Mmap(ulong length)
    {
        var request = new MmapRequest(length, MapKind.AnonPrivate, Read: true, Write: true, Exec: false);
        var address = task.Kernel.Mmap(task.Mm, request, out var error);
        task.ChargeSyscall();
        return error == Errno.Ok ? address : 0;
    }

    public void Munmap(ulong address, ulong length)
    {
        task.Kernel.Munmap(task.Mm, address, length);
        task.ChargeSyscall();
    }

    public void Write(ulong address) => task.LibraryAccess(address, AccessKind.Write);

    public void Read(ulong address) => task.LibraryAccess(address, AccessKind.Read);
}
