using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;

namespace MemScript.Runtime.Glibc;

/// <summary>
/// The malloc model's view of a running process: brk, mmap and memory
/// accesses go to the kernel, costs to the clock. Once the mm is gone (the
/// OOM killer took it in the middle of a library call) nothing reaches the
/// kernel any more: brk stays where it was, mmap and mremap fail, munmap and accesses
/// do nothing, and no syscall time is charged.
/// </summary>
internal sealed class KernelMallocHost(ProcessTask task) : IMallocHost
{
    public ulong PageSize => task.Kernel.Machine.PageSize;

    public ulong HeapStart => task.Kernel.HeapStart(task.Mm);

    public ulong CurrentBrk => task.Kernel.Brk(task.Mm);

    private bool MmGone => !task.Kernel.IsAlive(task.Mm);

    public ulong SetBrk(ulong newBrk)
    {
        if (MmGone)
        {
            return CurrentBrk;
        }

        var result = task.Kernel.SetBrk(task.Mm, newBrk);
        task.ChargeSyscall();
        return result;
    }

    public ulong Mmap(ulong length)
    {
        if (MmGone)
        {
            return 0;
        }

        var request = new MmapRequest(length, MapKind.AnonPrivate, Read: true, Write: true, Exec: false);
        var address = task.Kernel.Mmap(task.Mm, request, out var error);
        task.ChargeSyscall();
        return error == Errno.Ok ? address : 0;
    }

    public void Munmap(ulong address, ulong length)
    {
        if (MmGone)
        {
            return;
        }

        task.Kernel.Munmap(task.Mm, address, length);
        task.ChargeSyscall();
    }

    public ulong Mremap(ulong address, ulong oldLength, ulong newLength)
    {
        if (MmGone)
        {
            return 0;
        }

        var result = task.Kernel.Mremap(task.Mm, address, oldLength, newLength, out var error);
        task.ChargeSyscall();
        return error == Errno.Ok ? result : 0;
    }

    public void Write(ulong address)
    {
        if (!MmGone)
        {
            task.LibraryAccess(address, AccessKind.Write);
        }
    }

    public void Read(ulong address)
    {
        if (!MmGone)
        {
            task.LibraryAccess(address, AccessKind.Read);
        }
    }
}
