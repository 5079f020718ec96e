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
/// Every operation that allocates frames reserves them first
/// (Kernel.Alloc.cs: watermarks, kswapd, direct reclaim, the OOM killer), so
/// the frame table never runs dry under a reservation.
///
/// The class is a facade split by mechanism, as mm/ is: this file holds the
/// objects and address spaces; Kernel.Fault.cs the fault handler (memory.c)
/// and Kernel.FileFault.cs its file and shmem side (filemap.c, shmem.c);
/// Kernel.Pages.cs map counts, stamps and zap (rmap.c);
/// Kernel.Mmap.cs mmap, munmap, brk and populate (mmap.c); Kernel.Mremap.cs
/// mremap (mremap.c); Kernel.Protect.cs
/// mprotect and madvise (mprotect.c, madvise.c); Kernel.Fork.cs fork and exit;
/// Kernel.Shm.cs System V shm (ipc/shm.c); Kernel.Proc.cs what /proc shows and
/// the self-checks. The data structures are their own classes: FrameTable,
/// LruLists, PageTables, VmaList, PageCache, CommitAccounting, Tlb.
///
/// The kernel is the reclaim policy's <see cref="Reclaim.IReclaimContext"/>
/// (Kernel.Reclaim.cs); tests build it with their own policy through the
/// internal constructor that takes a policy factory.
///
/// Members added to the contract: <see cref="LastSyscallCostNs"/>,
/// <see cref="TlbCounts"/>, and the fault-injection hook
/// <c>InjectContentCorruption</c> used by the self-check tests.
///
/// Syscall costs: the system-call methods (Mmap, Munmap, Mremap, Mprotect, Madvise,
/// SetBrk) leave the simulated time they took in <see cref="LastSyscallCostNs"/>
/// (munmap 0.14 us per unmapped page; populate and willneed 1 us per page
/// populated, 80 us per major fault).
/// </summary>
internal sealed partial class Kernel
{
    public const ulong TextSize = 64UL << 10;
    public const ulong DataSize = 16UL << 10;
    public const ulong InitialStackSize = 132UL << 10;
    /// <summary>The x86-64 stack top (<see cref="PageGeometry.StackTop"/> gives each layout's).</summary>
    public const ulong StackTopAddress = 0x7ffffffff000;

    /// <summary>The page size, levels and user layout of the machine (page_size, layout, pae).</summary>
    private readonly PageGeometry _geometry;
    /// <summary>PAGE_SHIFT, PMD_SHIFT (the span of one PTE table) and PTRS_PER_PTE - 1: read once per access.</summary>
    private readonly int _pageShift;
    private readonly int _leafShift;
    private readonly int _pteMask;
    /// <summary>TASK_SIZE.</summary>
    private readonly ulong _userSpaceEnd;

    private readonly FrameTable _frames;
    private readonly PageCache _cache;
    private readonly CommitAccounting _commit;
    private readonly List<AddressSpace> _mms = [];
    private readonly List<MemObject> _objects = [];
    private readonly long[] _vmstat = new long[Enum.GetValues<VmCounter>().Length];
    private readonly List<LeafSpan> _leaves = [];
    private readonly long _ramPages;

    /// <summary>Base pages of the 1 GiB hugetlb pages taken from memblock at boot (GiganticPages.cs).</summary>
    private readonly long _giganticFrames;
    private readonly long _swapPages;
    private readonly int _faultAroundPages;
    private readonly long _readaheadPages;
    private readonly bool _policyTracksAccesses;
    private readonly SwapArea _swap;
    /// <summary>The cost of a translation by where it came from (<see cref="TlbSet.Access"/>'s result).</summary>
    private readonly long[] _translationCost;
    private uint _writeClock;
    private long _mappedCachePages;
    private long _stampErrors;
    private string? _firstStampError;

    public Kernel(MachineSettings machine, Reclaim.PageTrace? future = null)
        : this(machine, frames => Reclaim.ReclaimPolicies.Create(machine, frames, future))
    {
    }

    /// <summary>A kernel with the policy <paramref name="policyFactory"/> makes (tests use their own).</summary>
    internal Kernel(MachineSettings machine, Func<FrameTable, Reclaim.IReclaimPolicy> policyFactory)
    {
        Machine = machine;
        _geometry = PageGeometry.For(machine);
        _pageShift = _geometry.PageShift;
        _leafShift = _geometry.LeafShift;
        _pteMask = _geometry.PteMask;
        _userSpaceEnd = _geometry.TaskSize;
        Costs = new CostModel();
        _translationCost = [Costs.TlbHit, Costs.StlbHit, Costs.TlbMiss, Costs.HugeWalk, Costs.GiantWalk];
        _ramPages = (long)(machine.Ram / PageSize);
        _swapPages = (long)(machine.Swap / PageSize);
        SetUpZones();
        _giganticFrames = Math.Min(GiganticPages.Frames(machine), _ramPages);
        _frames = new FrameTable(_ramPages, (long)((machine.Kernel + PageSize - 1) / PageSize) + _giganticFrames, _zones, FrameTable.TopOrder(_geometry.Is32Bit ? 4096 : PageSize));
        if (machine.Watermarks != WatermarkMode.Off && machine.PageTablesCharged)
        {
            _frames.EnablePcp();   // a kernel machine's per-CPU page lists; a textbook one hands frames out directly
        }

        _swap = new SwapArea(_swapPages);
        _cache = new PageCache(_frames, _swap, _vmstat);
        _commit = new CommitAccounting(machine, _ramPages - _giganticFrames, _swapPages);
        _faultAroundPages = WindowPages(machine.FaultAround);
        _readaheadPages = (long)(machine.Readahead / PageSize);
        Policy = policyFactory(_frames);
        _frames.Policy = Policy;
        if (Policy is Reclaim.FilePolicyAdapter file)
        {
            file.Attach(this, machine.ReclaimSeed);
        }

        _policyTracksAccesses = Policy.TracksAccesses;
        SetUpNuma();
        SetUpKswapd();
        BootHugetlbPool();
    }

    /// <summary>The page-replacement policy of the <c>reclaim</c> setting.</summary>
    internal Reclaim.IReclaimPolicy Policy { get; }

    /// <summary>The OOM killer the process layer provides; without one, nothing can be killed.</summary>
    public IOomHost? OomHost { get; set; }

    public MachineSettings Machine { get; }

    /// <summary>Modelled costs in nanoseconds (MODEL.md section 9).</summary>
    public CostModel Costs { get; }

    /// <summary>The simulated time the last system call took (Mmap, Munmap, Mprotect, Madvise, SetBrk), in ns.</summary>
    public long LastSyscallCostNs { get; private set; }

    // ---- objects -------------------------------------------------------

    /// <summary>A file on the simulated disk; returns its id.</summary>
    public int CreateFile(string name, ulong size, bool cached, bool dirty)
    {
        var file = NewObject(MapKind.File, name, size);
        if (cached)
        {
            for (var p = 0L; p < file.PageCount; p++)
            {
                long cost = 0;
                Reserve(-1, 1, ref cost);
                _cache.AddPage(file, p, dirty, file.PageCount - p);
            }
        }

        return file.Id;
    }

    private MemObject NewObject(MapKind kind, string name, ulong size)
    {
        var obj = new MemObject(_objects.Count, kind, name, size, _pageShift);
        _objects.Add(obj);
        return obj;
    }

    private MemObject? ObjectOf(int id, MapKind kind) =>
        id >= 0 && id < _objects.Count && _objects[id].Kind == kind && !_objects[id].Destroyed ? _objects[id] : null;

    // ---- address spaces ------------------------------------------------

    /// <summary>A new process image: text, data and stack VMAs, nothing resident.</summary>
    public int CreateAddressSpace(string command, ulong limitStack, ulong? limitAs, ulong? limitData)
    {
        var id = _mms.Count;
        long cost = 0;
        Reserve(-1, Machine.PageTablesCharged ? 1 + _geometry.PreallocatedPmds : 0, ref cost, gfp: Mm.Zones.GfpZone.Kernel);
        var textBase = _geometry.TextBase;
        var dataSize = PageAlign(DataSize);
        var mm = new AddressSpace(id, command, new PageTables(_frames, Machine.PageTablesCharged, id, _geometry))
        {
            Geometry = _geometry,
            TextStart = textBase,
            DataStart = textBase + TextSize,
            HeapStart = textBase + TextSize + dataSize,
            Brk = textBase + TextSize + dataSize,
            StackTop = _geometry.StackTop,
            StackLimit = limitStack,
            LimitAs = limitAs,
            LimitData = limitData,
        };
        mm.Tlb = NewTlb();
        mm.Family = [mm];
        _mms.Add(mm);
        mm.Vmas.Add(ImageVma(VmaRole.Text, textBase, TextSize, write: false, exec: true));
        mm.Vmas.Add(ImageVma(VmaRole.Data, mm.DataStart, dataSize, write: true, exec: false));
        // setup_arg_pages: 128 KiB below the arguments' page, or the whole RLIMIT_STACK when that is smaller.
        var stackSize = Math.Max(PageSize, Math.Min(InitialStackSize - 4096 + PageSize, limitStack & ~(PageSize - 1)));
        mm.Vmas.Add(ImageVma(VmaRole.Stack, _geometry.StackTop - stackSize, stackSize, write: true, exec: false));
        foreach (var vma in mm.Vmas)
        {
            if (vma.Accounted)
            {
                _commit.Force((long)vma.Pages);
            }
        }

        SlabNewTask(id, parent: -1, ref cost);
        return id;
    }

    private Vma ImageVma(VmaRole role, ulong start, ulong size, bool write, bool exec) => new()
    {
        PageShift = _pageShift,
        Start = start,
        End = start + size,
        Read = true,
        Write = write,
        Exec = exec,
        Kind = MapKind.AnonPrivate,
        Role = role,
        Accounted = write,
    };

    /// <summary>False once <see cref="Exit"/> took the mm (exit or the OOM killer): nothing may act on it any more.</summary>
    public bool IsAlive(int mm) => _mms[mm].Alive;

    public ulong TextStart(int mm) => _mms[mm].TextStart;
    public ulong DataStart(int mm) => _mms[mm].DataStart;
    public ulong HeapStart(int mm) => _mms[mm].HeapStart;
    public ulong Brk(int mm) => _mms[mm].Brk;
    public ulong StackTop(int mm) => _mms[mm].StackTop;
    public ulong StackLimit(int mm) => _mms[mm].StackLimit;

    /// <summary>Data TLB accesses and page walks of every address space so far (loads and stores).</summary>
    public (long Hits, long Misses) TlbCounts()
    {
        long accesses = 0, misses = 0;
        foreach (var m in _mms)
        {
            accesses += m.Tlb.DtlbLoads + m.Tlb.DtlbStores;
            misses += m.Tlb.DtlbLoadMisses + m.Tlb.DtlbStoreMisses;
        }

        return (accesses - misses, misses);
    }

    /// <summary>perf's TLB counters of <paramref name="mm"/>, and its tlb:tlb_flush count.</summary>
    public TlbCounters TlbCountersOf(int mm)
    {
        var m = _mms[mm];
        var t = m.Tlb;
        return new TlbCounters(t.DtlbLoads, t.DtlbLoadMisses, t.DtlbStores, t.DtlbStoreMisses, t.ItlbLoads, t.ItlbLoadMisses, m.TlbFlushEvents);
    }

    /// <summary>perf -a: the TLB counters of every address space so far, exited ones included.</summary>
    public TlbCounters TlbCountersAll()
    {
        TlbCounters sum = default;
        foreach (var m in _mms)
        {
            var t = m.Tlb;
            sum = new TlbCounters(
                sum.DtlbLoads + t.DtlbLoads,
                sum.DtlbLoadMisses + t.DtlbLoadMisses,
                sum.DtlbStores + t.DtlbStores,
                sum.DtlbStoreMisses + t.DtlbStoreMisses,
                sum.ItlbLoads + t.ItlbLoads,
                sum.ItlbLoadMisses + t.ItlbLoadMisses,
                sum.TlbFlushes + m.TlbFlushEvents);
        }

        return sum;
    }

    private TlbSet NewTlb() => new(Machine, _pageShift, _leafShift);

    /// <summary>The machine's page size (4 KiB, 16 KiB or 64 KiB).</summary>
    public ulong PageSize => _geometry.PageSize;

    /// <summary>stack_guard_gap: 256 pages between a growing stack and an accessible mapping below it.</summary>
    private ulong StackGuardGap => 256UL << _pageShift;

    private ulong UserSpaceEnd => _userSpaceEnd;

    private ulong PageAlign(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);

    private int WindowPages(ulong bytes)
    {
        var pages = bytes / PageSize;
        if (pages <= 1)
        {
            return 1;
        }

        var window = 1;
        while ((ulong)window * 2 <= pages && window < _geometry.PteEntries)
        {
            window *= 2;
        }

        return window;
    }
}
