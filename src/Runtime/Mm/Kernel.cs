namespace MemScript.Runtime.Mm;

/// <summary>
/// The memory-management core: physical frames, page tables, VMAs, the fault
/// handler, the page cache, shared memory and the accounting that /proc shows.
/// It knows nothing of scenarios, names or the scheduler: the process layer
/// (Sched/, Glibc/) calls it with addresses and lengths, and advances the
/// simulated clock by the costs it returns.
///
/// Address spaces are identified by an int (an index into the kernel's
/// mm table), so the hot path allocates nothing. Counters are per address
/// space (minflt, majflt, RSS by kind) and global (vmstat, meminfo).
/// When a frame is needed and none is free, <see cref="OutOfFramesException"/>
/// is thrown (memory pressure is modelled in a later layer).
/// </summary>
internal sealed partial class Kernel
{
    public Kernel(MachineSettings machine) => throw new NotImplementedException();

    public MachineSettings Machine => throw new NotImplementedException();

    /// <summary>Modelled costs in nanoseconds (MODEL.md section 9).</summary>
    public CostModel Costs => throw new NotImplementedException();

    // ---- objects -------------------------------------------------------

    /// <summary>A file on the simulated disk; returns its id.</summary>
    public int CreateFile(string name, ulong size, bool cached, bool dirty) => throw new NotImplementedException();

    /// <summary>shmget(IPC_CREAT): returns the segment id, or the existing one for the key.</summary>
    public int ShmGet(string key, ulong size, out Errno error) => throw new NotImplementedException();

    /// <summary>shmctl(IPC_RMID): destroyed once the last attachment goes.</summary>
    public Errno ShmRemove(string key) => throw new NotImplementedException();

    public int FindShm(string key) => throw new NotImplementedException();

    public ulong ShmSize(int shmId) => throw new NotImplementedException();

    // ---- address spaces ------------------------------------------------

    /// <summary>A new process image: text, data and stack VMAs, nothing resident.</summary>
    public int CreateAddressSpace(string command, ulong limitStack, ulong? limitAs, ulong? limitData) => throw new NotImplementedException();

    /// <summary>fork: a copy-on-write copy of <paramref name="mm"/>.</summary>
    public int Fork(int mm) => throw new NotImplementedException();

    /// <summary>exit_mmap: unmaps everything and frees page tables.</summary>
    public void Exit(int mm) => throw new NotImplementedException();

    public ulong TextStart(int mm) => throw new NotImplementedException();
    public ulong DataStart(int mm) => throw new NotImplementedException();
    public ulong HeapStart(int mm) => throw new NotImplementedException();
    public ulong Brk(int mm) => throw new NotImplementedException();
    public ulong StackTop(int mm) => throw new NotImplementedException();
    public ulong StackLimit(int mm) => throw new NotImplementedException();

    // ---- system calls --------------------------------------------------

    /// <summary>Returns the start address, or 0 with <paramref name="error"/> set. Populate faults are counted as minflt.</summary>
    public ulong Mmap(int mm, in MmapRequest request, out Errno error) => throw new NotImplementedException();

    public Errno Munmap(int mm, ulong address, ulong length) => throw new NotImplementedException();

    public Errno Mprotect(int mm, ulong address, ulong length, bool read, bool write, bool exec) => throw new NotImplementedException();

    public Errno Madvise(int mm, ulong address, ulong length, Advice advice) => throw new NotImplementedException();

    /// <summary>sys_brk: returns the new break (the old one when refused, as the kernel does).</summary>
    public ulong SetBrk(int mm, ulong newBrk) => throw new NotImplementedException();

    // ---- the hot path --------------------------------------------------

    /// <summary>
    /// One access to the page containing <paramref name="address"/>: walks the
    /// page tables, takes a fault if needed (fault-around, read-around, COW,
    /// zero page...), counts it, and adds its cost to <paramref name="costNs"/>.
    /// Checks and updates the page's content stamp. Allocates nothing.
    /// </summary>
    public FaultResult Access(int mm, ulong address, AccessKind kind, ref long costNs) => throw new NotImplementedException();

    // ---- what /proc shows ----------------------------------------------

    public ProcStatus Status(int mm) => throw new NotImplementedException();

    /// <summary>/proc/PID/maps, one entry per VMA in address order.</summary>
    public IReadOnlyList<VmaInfo> Maps(int mm) => throw new NotImplementedException();

    public long Vmstat(VmCounter counter) => throw new NotImplementedException();

    /// <summary>A meminfo field in bytes.</summary>
    public long Meminfo(MeminfoField field) => throw new NotImplementedException();

    /// <summary>MODEL.md section 10: frames conserved, content stamps intact.</summary>
    public IReadOnlyList<SelfCheck> SelfCheck() => throw new NotImplementedException();
}
