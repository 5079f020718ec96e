using MemScript.Runtime.Glibc;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The <see cref="Runtime.Proc"/> a process body calls: one method per
/// statement. Memory statements go to the malloc model or straight to the
/// kernel; each adds one timeline entry with the faults and RSS change it
/// caused and what it did (<c>brk +132 KiB</c>, <c>mmap 1028 KiB</c>, <c>ENOMEM</c>).
/// A refused allocation returns <see cref="Region.Null"/>; it never throws.
/// Lengths given to the kernel are whole pages; regions keep the size asked for.
/// munmap, mprotect and madvise of an address that is not page-aligned fail
/// with EINVAL as on Linux (nothing changes); their lengths are rounded up.
/// A slice of the stack past its limit is accessed where it lies, below the
/// limit, so the kernel refuses the growth there (SEGV_MAPERR), not the region check.
/// mlock and munlock round to pages as the kernel does; only root is exempt from RLIMIT_MEMLOCK.
/// The control statements (fork, exit, kill, reports...) are in TaskProc.Control.cs.
/// </summary>
internal sealed partial class TaskProc(SimSystem system, ProcessTask task) : Proc
{
    private readonly Dictionary<ulong, ulong> _shmAttachments = new();

    private Kernel Kernel => system.Kernel;
    private int Mm => task.Mm;
    private ulong PageSize => system.Machine.PageSize;

    public override Region Heap => new(Kernel.HeapStart(Mm), Kernel.Brk(Mm) - Kernel.HeapStart(Mm));

    public override Region Stack
    {
        get
        {
            var top = Kernel.StackTop(Mm);
            var limit = Kernel.StackLimit(Mm);
            return new Region(top - limit, limit, Downward: true);
        }
    }

    public override Region Text => new(Kernel.TextStart(Mm), Kernel.DataStart(Mm) - Kernel.TextStart(Mm));

    public override Region Data => new(Kernel.DataStart(Mm), Kernel.HeapStart(Mm) - Kernel.DataStart(Mm));

    public override Region Slice(Site site, Region region, ulong? from, ulong? to)
    {
        if (region.IsNull || region.OutOfBounds)
            return region;
        var a = from ?? 0;
        var b = to ?? region.Length;
        var outside = a > b || b > region.Length;
        if (a > b)
            b = a;
        if (outside && region.Downward && b <= region.End)
        {
            return new Region(region.End - b, b - a, Downward: true);   // below the stack limit: the kernel refuses the growth
        }

        var inBounds = outside ? (a >= region.Length ? 0 : Math.Min(b, region.Length) - a) : b - a;
        var slice = region.Downward
            ? new Region(region.End - b, b - a, Downward: true, OutOfBounds: outside)
            : new Region(region.Start + a, b - a, OutOfBounds: outside);
        return outside ? slice with { InBounds = inBounds, ParentLength = region.Length } : slice;
    }

    public override Region Malloc(Site site, ulong size) =>
        Allocate(site, "malloc", size, arena => arena.Malloc(size));

    public override Region Calloc(Site site, ulong size) =>
        Allocate(site, "calloc", size, arena => arena.Calloc(size));

    public override Region Realloc(Site site, Region region, ulong size)
    {
        var outcome = FreeOutcome.Ok;
        var result = Allocate(site, "realloc", size, arena => arena.Realloc(region.IsNull ? 0 : region.Start, size, out outcome));
        if (outcome != FreeOutcome.Ok && task.IsLive)
            Abort(site, "realloc", outcome);
        return size == 0 ? Region.Null : result;
    }

    public override void Free(Site site, Region region)
    {
        var mark = task.Begin(site);
        var outcome = task.Arena!.Free(region.IsNull ? 0 : region.Start);
        task.End(site, mark, task.LibraryFaultSignal ?? task.Arena.LastDetail);
        if (!task.KillOnLibraryFault(site, "free") && outcome != FreeOutcome.Ok)
            Abort(site, "free", outcome);
    }

    /// <summary>A malloc-family call; a fault in its own accesses kills the process (the region is then null).</summary>
    private Region Allocate(Site site, string name, ulong size, Func<MallocArena, ulong> call)
    {
        var mark = task.Begin(site);
        var pointer = call(task.Arena!);
        var detail = task.Arena!.LastDetail;
        if (pointer == 0 && size != 0 && detail == null)
            detail = "ENOMEM";
        task.End(site, mark, task.LibraryFaultSignal ?? detail);
        if (task.KillOnLibraryFault(site, name))
            return Region.Null;
        return pointer == 0 ? Region.Null : new Region(pointer, size);
    }

    /// <summary>glibc's malloc_printerr: the message, then abort() (SIGABRT).</summary>
    private void Abort(Site site, string call, FreeOutcome outcome)
    {
        var message = outcome == FreeOutcome.DoubleFree ? $"{call}(): double free detected" : $"{call}(): invalid pointer";
        task.Die(ProcessState.Killed, site, message, "killed by SIGABRT");
    }

    public override Region Mmap(Site site, ulong size, MmapFlags flags)
    {
        var mark = task.Begin(site);
        var (read, write, exec) = Protections(flags, defaultWrite: true);
        var shared = flags.HasFlag(MmapFlags.Shared);
        var request = new MmapRequest(PageAlign(size), shared ? MapKind.AnonShared : MapKind.AnonPrivate, read, write, exec,
            Shared: shared, Populate: flags.HasFlag(MmapFlags.Populate), NoReserve: flags.HasFlag(MmapFlags.NoReserve),
            Huge: flags.HasFlag(MmapFlags.Huge), HugeGiant: flags.HasFlag(MmapFlags.Huge1G));
        return Map(site, mark, request, size);
    }

    public override Region MmapFile(Site site, string file, MmapFlags flags, ulong? offset, ulong? size)
    {
        var mark = task.Begin(site);
        if (!system.Files.TryGetValue(file, out var f))
        {
            task.End(site, mark, "ENOENT");
            return Region.Null;
        }
        var start = offset ?? 0;
        var length = size ?? (f.Size > start ? f.Size - start : 0);
        var (read, write, exec) = Protections(flags, defaultWrite: false);
        var request = new MmapRequest(PageAlign(length), MapKind.File, read, write, exec,
            Shared: flags.HasFlag(MmapFlags.Shared), Populate: flags.HasFlag(MmapFlags.Populate),
            NoReserve: flags.HasFlag(MmapFlags.NoReserve), ObjectId: f.Id, FileOffset: start);
        return Map(site, mark, request, length);
    }

    private Region Map(Site site, in StatementMark mark, in MmapRequest request, ulong size)
    {
        var address = Kernel.Mmap(Mm, request, out var error);
        task.ChargeSyscall();
        var ok = error == Errno.Ok && address != 0;
        task.End(site, mark, ok ? "at " + Units.Hex(address) : error.ToString());
        return ok ? new Region(address, size) : Region.Null;
    }

    private static (bool Read, bool Write, bool Exec) Protections(MmapFlags flags, bool defaultWrite)
    {
        if ((flags & (MmapFlags.Read | MmapFlags.Write | MmapFlags.Exec)) == 0)
            return (true, defaultWrite, false);
        return (flags.HasFlag(MmapFlags.Read) || flags.HasFlag(MmapFlags.Write), flags.HasFlag(MmapFlags.Write), flags.HasFlag(MmapFlags.Exec));
    }

    public override void Munmap(Site site, Region region)
    {
        var mark = task.Begin(site);
        var (start, length) = Pages(region);
        var error = !Aligned(region) ? Errno.EINVAL : Kernel.Munmap(Mm, start, length);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? "munmap " + MallocArena.Kib(length) : error.ToString());
    }

    public override void Mprotect(Site site, Region region, Protection protection)
    {
        var mark = task.Begin(site);
        var (start, length) = Pages(region);
        var (r, w, x) = protection switch
        {
            Protection.Read => (true, false, false),
            Protection.ReadWrite => (true, true, false),
            Protection.Exec => (true, false, true),
            _ => (false, false, false),
        };
        var error = !Aligned(region) ? Errno.EINVAL : Kernel.Mprotect(Mm, start, length, r, w, x);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? null : error.ToString());
    }

    public override void Madvise(Site site, Region region, Advice advice)
    {
        var mark = task.Begin(site);
        var (start, length) = Pages(region);
        var error = !Aligned(region) ? Errno.EINVAL : Kernel.Madvise(Mm, start, length, advice);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? null : error.ToString());
    }

    /// <summary>mlock/munlock round the start down and the end up to pages (no EINVAL for an unaligned start).</summary>
    public override void Mlock(Site site, Region region) => Lock(site, region, true);

    public override void Munlock(Site site, Region region) => Lock(site, region, false);

    public override void Mbind(Site site, Region region, MemPolicy policy)
    {
        var mark = task.Begin(site);
        var start = region.Start & ~(PageSize - 1);
        var length = PageAlign(region.End - start);
        var error = region.IsNull ? Errno.EFAULT : Kernel.Mbind(Mm, start, length, policy);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? null : error.ToString());
    }

    private void Lock(Site site, Region region, bool on)
    {
        var mark = task.Begin(site);
        var start = region.Start & ~(PageSize - 1);
        var length = PageAlign(region.End - start);
        var error = region.IsNull ? Errno.ENOMEM
            : on ? Kernel.Mlock(Mm, start, length, task.Options.User == "root") : Kernel.Munlock(Mm, start, length);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? null : error.ToString());
    }

    public override void Brk(Site site, long delta)
    {
        var mark = task.Begin(site);
        var current = Kernel.Brk(Mm);
        var magnitude = (ulong)Math.Abs(delta);
        var target = delta >= 0 ? current + magnitude : current - Math.Min(current, magnitude);
        var result = Kernel.SetBrk(Mm, target);
        task.ChargeSyscall();
        var detail = result == target && delta != 0
            ? $"brk {(delta >= 0 ? "+" : "-")}{MallocArena.Kib(magnitude)}"
            : delta == 0 ? null : "ENOMEM";
        task.End(site, mark, detail);
    }

    private ulong PageAlign(ulong bytes) => (bytes + PageSize - 1) & ~(PageSize - 1);

    /// <summary>munmap, mprotect and madvise take a page-aligned address (else EINVAL) and round the length up to pages.</summary>
    private (ulong Start, ulong Length) Pages(Region region) => (region.Start, PageAlign(region.Length));

    private bool Aligned(Region region) => !region.IsNull && (region.Start & (PageSize - 1)) == 0;
}
