namespace MemScript.Runtime;

/// <summary>
/// The simulated computer, as the <c>machine</c> block and <c>--set</c> give it.
/// Every property starts at LANGUAGE.md's default; the generated
/// <c>Configure</c> method assigns only what the scenario wrote. Sizes in bytes.
/// </summary>
public sealed class MachineSettings
{
    public ulong Ram { get; set; } = 64UL << 20;
    public ulong Swap { get; set; }
    public ulong PageSize { get; set; } = 4096;
    public int Swappiness { get; set; } = 60;
    public OvercommitMode Overcommit { get; set; } = OvercommitMode.Heuristic;
    public int OvercommitRatio { get; set; } = 50;
    /// <summary>vm.min_free_kbytes in bytes; null = derived as the kernel does.</summary>
    public ulong? MinFree { get; set; }
    public WatermarkMode Watermarks { get; set; } = WatermarkMode.Auto;
    public ulong WatermarkMin { get; set; }
    public ulong WatermarkLow { get; set; }
    public ulong WatermarkHigh { get; set; }
    public string Reclaim { get; set; } = "linux";
    public long ReclaimSeed { get; set; }
    /// <summary>A reclaim policy from a C# file (<c>reclaim "x.cs"</c>); <see cref="Reclaim"/> then holds its header name.</summary>
    public PolicyHost.PolicyFile? ReclaimFile { get; set; }
    /// <summary>An OOM policy from a C# file (<c>oom "x.cs"</c>), replacing the badness of <see cref="Oom"/>.</summary>
    public PolicyHost.PolicyFile? OomFile { get; set; }
    public OomMode Oom { get; set; } = OomMode.Modern;
    /// <summary>0 = off.</summary>
    public ulong FaultAround { get; set; } = 64UL << 10;
    /// <summary>0 = off.</summary>
    public ulong Readahead { get; set; } = 128UL << 10;
    public ulong MmapThreshold { get; set; } = 128UL << 10;
    public ulong TopPad { get; set; } = 128UL << 10;
    public bool PageTablesCharged { get; set; } = true;
    public ulong Kernel { get; set; }
    /// <summary>0 = off.</summary>
    public int TlbEntries { get; set; } = 64;
    public int TlbWays { get; set; } = 4;
    /// <summary>The second-level TLB; 0 = off.</summary>
    public int StlbEntries { get; set; } = 1536;
    public int StlbWays { get; set; } = 12;
    /// <summary>PCIDs: a context switch keeps the other address spaces' TLB entries.</summary>
    public bool Pcid { get; set; } = true;
    /// <summary>/sys/kernel/mm/transparent_hugepage/enabled: never, madvise or always.</summary>
    public string Thp { get; set; } = "never";
    /// <summary>/sys/kernel/mm/transparent_hugepage/defrag: always, defer, defer+madvise, madvise or never.</summary>
    public string ThpDefrag { get; set; } = "madvise";
    /// <summary>khugepaged collapses 4 KiB ranges of eligible VMAs into huge pages.</summary>
    public bool Khugepaged { get; set; } = true;
    /// <summary>vm.nr_hugepages: the hugetlb pool, taken from RAM at boot.</summary>
    public long HugePages { get; set; }
    /// <summary>The hugetlb page size of <c>hugepages N size S</c> (2 MiB or 1 GiB); 0 = the default hstate's (<see cref="HugetlbPageSize"/>).</summary>
    public ulong HugePageSize { get; set; }
    /// <summary>The boot pool's page size: <see cref="HugePageSize"/>, or the default hstate's (HPAGE_SIZE, the PMD-level page: 2 MiB, 32 MiB with 16K pages, 512 MiB with 64K).</summary>
    public ulong HugetlbPageSize => HugePageSize != 0 ? HugePageSize : DefaultHugetlbPageSize;
    /// <summary>HPAGE_SIZE of the default hstate: a PTE table's span (PAGE_SIZE * PAGE_SIZE / 8) on 64-bit; 2 MiB on i386.</summary>
    public ulong DefaultHugetlbPageSize => Is32Bit || PageSize is not (16384 or 65536) ? 2UL << 20 : PageSize * PageSize / 8;
    public int NumaNodes { get; set; } = 1;
    /// <summary><c>numa nodes SIZE, SIZE, ...</c>: each node's RAM in bytes, summing to <see cref="Ram"/>; null = RAM split evenly over <see cref="NumaNodes"/>.</summary>
    public ulong[]? NumaNodeSizes { get; set; }
    /// <summary><c>distance local N remote M</c>: the SLIT distances (node_distance) of a node to itself and to another.</summary>
    public int NumaLocalDistance { get; set; } = 10;
    public int NumaRemoteDistance { get; set; } = 20;
    /// <summary>vm.zone_reclaim_mode: 1 reclaims clean unmapped page cache on the local node before taking a remote page.</summary>
    public int ZoneReclaimMode { get; set; }
    public string Layout { get; set; } = "x86_64";
    /// <summary>With <c>layout i386</c>: PAE's three-level page tables of 8-byte entries instead of two levels of 4-byte ones.</summary>
    public bool Pae { get; set; }
    /// <summary>A 32-bit machine (<c>layout i386</c>): 3 GiB of user space, HighMem above 896 MiB of RAM.</summary>
    public bool Is32Bit => Layout == "i386";
    public long QuantumNs { get; set; } = 1_000_000;
    /// <summary>kernel.pid_max: a fork fails with EAGAIN once the live tasks and the pids the model reserves (below 100) reach it.</summary>
    public int PidMax { get; set; } = DefaultPidMax;
    /// <summary>kernel.threads_max; null = the kernel's default, RAM / 128 KiB (set_max_threads: RAM / (8 * THREAD_SIZE)), at least 20.</summary>
    public int? ThreadsMax { get; set; }

    public const int DefaultPidMax = 32_768;

    /// <summary>The pids 0..99, below the first one the model hands out: the idle task, init, kthreadd and the kernel's threads.</summary>
    public const int ReservedPids = 100;

    /// <summary>threads_max as in force: the setting, or set_max_threads' default for this RAM.</summary>
    /// <summary>A copy of every setting (the arrays are shared: nothing changes them once built).</summary>
    internal MachineSettings Copy() => (MachineSettings)MemberwiseClone();

    public int EffectiveThreadsMax => ThreadsMax ?? (int)Math.Clamp((long)(Ram / (8UL * 16384)), 20, 0x3fff_ffff);
}

public enum OvercommitMode { Heuristic = 0, Always = 1, Never = 2 }

public enum WatermarkMode { Auto, Off, Manual }

public enum OomMode { Modern, Legacy }
