using MemScript.Dsl.Diagnostics;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The catalogue of semantic diagnostics (the checker), MEMS1000-1999. Each id
/// is defined here once and listed in docs/diagnostics.md (a test keeps the
/// two in step). Ids are never reused: MEMS1032 (memory pressure "has no effect
/// yet") is retired.
/// </summary>
public static class SemanticErrors
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    public static readonly DiagnosticDescriptor NumberTooLarge = new("MEMS1001", Error, "{0} is too large", "ram 99999999999T");
    public static readonly DiagnosticDescriptor DuplicateMachine = new("MEMS1002", Error, "only one machine block is allowed", "machine { } machine { }");
    public static readonly DiagnosticDescriptor UnknownSetting = new("MEMS1003", Error, "unknown machine setting '{0}'{1}", "machine { memory 64M }");
    public static readonly DiagnosticDescriptor UnknownWord = new("MEMS1004", Error, "unknown {0} '{1}'; expected {2}{3}", "madvise a later");
    public static readonly DiagnosticDescriptor OutOfRange = new("MEMS1005", Error, "{0} must be between {1} and {2}, not {3}", "process p (nice 40) { }");
    public static readonly DiagnosticDescriptor BadPageSize = new("MEMS1006", Error, "page_size must be 4K, 16K or 64K, not {0}", "page_size 8K");
    public static readonly DiagnosticDescriptor NotPageMultiple = new("MEMS1007", Error, "{0} ({1} bytes) must be a multiple of the page size ({2} bytes)", "ram 1000");
    public static readonly DiagnosticDescriptor TooLargeToSimulate = new("MEMS1008", Error, "{0} {1} is more than the simulator supports (at most {2})", "ram 1024T");
    public static readonly DiagnosticDescriptor NotSupportedYet = new("MEMS1009", Error, "{0} is not supported yet", "layout i386");
    public static readonly DiagnosticDescriptor UndefinedName = new("MEMS1010", Error, "'{0}' is not defined in process '{1}'{2}", "touch nothing");
    public static readonly DiagnosticDescriptor UndefinedFile = new("MEMS1011", Error, "no file \"{0}\" is declared{1}", "a = mmap file \"nope\"");
    public static readonly DiagnosticDescriptor UndefinedShm = new("MEMS1012", Error, "no segment \"{0}\" is declared with shm or created with shmget{1}", "a = shmat \"nope\"");
    public static readonly DiagnosticDescriptor UndefinedProcess = new("MEMS1013", Error, "no process named '{0}'{1}", "kill nobody");
    public static readonly DiagnosticDescriptor DuplicatePid = new("MEMS1014", Error, "pid {0} is already used by process '{1}'", "process b (pid 7) { } (twice)");
    public static readonly DiagnosticDescriptor DuplicateProcess = new("MEMS1015", Error, "a process named '{0}' is already declared", "process p { } process p { }");
    public static readonly DiagnosticDescriptor RangeOutside = new("MEMS1016", Error, "range {0}..{1} is outside '{2}' ({3} bytes)", "a = malloc 4K; touch a[..8K]");
    public static readonly DiagnosticDescriptor RangeReversed = new("MEMS1017", Error, "range start {0} is after its end {1}", "touch a[8K..4K]");
    public static readonly DiagnosticDescriptor UnknownField = new("MEMS1018", Error, "unknown {0} field '{1}'{2}", "expect p.rss == 4K");
    public static readonly DiagnosticDescriptor UnknownSysctl = new("MEMS1019", Error, "unknown sysctl 'vm.{0}'; expected vm.swappiness, vm.overcommit_memory, vm.overcommit_ratio, vm.min_free_kbytes or vm.nr_hugepages{1}", "sysctl vm.dirty_ratio = 5");
    public static readonly DiagnosticDescriptor BadOverride = new("MEMS1020", Error, "--set expects KEY=VALUE, not '{0}'", "--set swappiness");
    public static readonly DiagnosticDescriptor TooSmall = new("MEMS1021", Error, "{0} must be at least {1}", "read a stride 0");
    public static readonly DiagnosticDescriptor WatermarkOrder = new("MEMS1022", Error, "watermarks must satisfy min <= low <= high", "watermarks min 8K low 4K high 16K");
    public static readonly DiagnosticDescriptor SettingRepeated = new("MEMS1023", Warning, "'{0}' is set more than once; the last one wins", "ram 64M; ram 32M");
    public static readonly DiagnosticDescriptor PredefinedShadowed = new("MEMS1024", Warning, "'{0}' is assigned in this process, so here it no longer names the predefined region", "heap = malloc 4K");
    public static readonly DiagnosticDescriptor NotSizeField = new("MEMS1025", Error, "'{0}' is a count, not a size; compare it with a plain number", "expect p.minflt >= 4K");
    public static readonly DiagnosticDescriptor TlbWays = new("MEMS1026", Error, "a {0}-entry TLB cannot be {1}-way: the ways must divide the entries", "tlb 64 entries 3 way");
    public static readonly DiagnosticDescriptor EmptyScenario = new("MEMS1027", Error, "the scenario is empty: declare a machine, a process or an at block", "(an empty file, or only comments)");
    public static readonly DiagnosticDescriptor NameTooLong = new("MEMS1028", Error, "a name may have at most {0} characters, not {1}", "process aaa...a { } (129 letters)");
    public static readonly DiagnosticDescriptor ReportNeedsProcess = new("MEMS1029", Error, "'{0}' needs a process NAME here: outside a process there is no current one", "at 1ms { maps }");
    public static readonly DiagnosticDescriptor NprocNotCount = new("MEMS1120", Error, "'limit nproc' takes a number of processes, not a size", "process p (limit nproc 4K) { }");
    public static readonly DiagnosticDescriptor ForkStart = new("MEMS1030", Error, "a fork has no 'start' option: the child starts when the fork runs", "fork c (start 5ms) { }");
    public static readonly DiagnosticDescriptor ForkPidInRepeat = new("MEMS1031", Error, "a fork inside a repeat cannot have a pid: each iteration would fork another child with pid {0}", "repeat 2 { fork c (pid 9) { } }");

    public static readonly DiagnosticDescriptor UsedBeforeAssigned = new("MEMS1033", Warning, "'{0}' is used before it is assigned: it holds a null region here, and an access to it is an invalid access", "touch a; a = malloc 4K");
    public static readonly DiagnosticDescriptor MoreThanRam = new("MEMS1034", Error, "{0} ({1} bytes) is more than ram ({2} bytes)", "ram 64M; watermarks min 1M low 2M high 128M");
    public static readonly DiagnosticDescriptor KernelTakesAllRam = new("MEMS1035", Error, "kernel ({0} bytes) leaves no page of ram ({1} bytes) free", "ram 64M; kernel 64M");
    public static readonly DiagnosticDescriptor SeedNeedsRandom = new("MEMS1036", Error, "only reclaim random takes a seed, not reclaim {0}", "reclaim fifo seed 3");
    public static readonly DiagnosticDescriptor WatermarksAboveRam = new("MEMS1037", Warning, "with ram {0} the derived high watermark ({1} pages) is not below the {2} free pages, so every allocation reclaims first; 'watermarks off' gives textbook page replacement", "ram 3 pages; pagetables free");
    public static readonly DiagnosticDescriptor PageTablesFillRam = new("MEMS1038", Warning, "with ram {0} and page tables charged, {1} free pages cannot hold a process's first page and its 4 page-table pages; 'pagetables free' gives textbook page replacement", "ram 3 pages; watermarks off");
    public static readonly DiagnosticDescriptor TooManyStatements = new("MEMS1060", Error, "the scenario has more than {0} statements, the most the simulator compiles (this file is {1} characters long); split it, or use repeat, times or a pages list", "(150,001 statements)");
    public static readonly DiagnosticDescriptor PageOutside = new("MEMS1061", Error, "page {0} is outside '{1}' ({2})", "a = mmap 4K; read a pages 1");

    public static readonly DiagnosticDescriptor NoHugetlbPool = new("MEMS1080", Warning, "'mmap huge' (MAP_HUGETLB) takes its pages from the hugetlb pool, and this machine has none (no 'hugepages N' in machine, no 'sysctl vm.nr_hugepages'): the mmap will fail with ENOMEM", "a = mmap 2M huge");
    public static readonly DiagnosticDescriptor NoHugetlbPoolForShm = new("MEMS1310", Warning, "'shmget ... huge' (SHM_HUGETLB) takes its pages from the hugetlb pool, and this machine has none (no 'hugepages N' in machine, no 'sysctl vm.nr_hugepages'): the shmget will fail with ENOMEM", "s = shmget \"k\" 2M huge");
    public static readonly DiagnosticDescriptor HugePageSize = new("MEMS1170", Error, "a hugetlb page is 2M or 1G, not {0}", "hugepages 4 size 4M");
    public static readonly DiagnosticDescriptor MmapHugeSize = new("MEMS1304", Error, "'mmap ... huge SIZE' takes 1G (MAP_HUGE_1GB), not {0}; write 'huge' alone for the default size", "a = mmap 2M huge 2M");
    public static readonly DiagnosticDescriptor NoGiantPool = new("MEMS1305", Warning, "'mmap ... huge 1G' (MAP_HUGE_1GB) takes its pages from the 1 GiB pool, and this machine has none (no 'hugepages N size 1G' in machine): the mmap will fail with ENOMEM", "a = mmap 1G huge 1G");
    public static readonly DiagnosticDescriptor HugePageSizeGranule = new("MEMS1303", Error, "with page_size {0} the hugetlb page is the {1} PMD page only (write 'hugepages N' without a size), not {2}", "page_size 16K ... hugepages 4 size 2M");
    public static readonly DiagnosticDescriptor OptRecordTooLong = new("MEMS1110", Error, "reclaim opt records every page access of the run for its second pass, at most {1} runs of accesses to one page; this scenario's writes alone make at least {0}", "reclaim opt ... write a times 100000000 (a of 4 pages)");
    public static readonly DiagnosticDescriptor PolicyFileName = new("MEMS1140", Error, "a policy file is a C# file ending in .cs, not \"{0}\"", "reclaim \"sieve.py\"");
    public static readonly DiagnosticDescriptor PolicyClassShape = new("MEMS1141", Error, "a {0} policy file holds one public non-abstract class with a public parameterless constructor implementing {1}; {2}", "reclaim \"empty.cs\"");
    public static readonly DiagnosticDescriptor PolicyFileMissing = new("MEMS1142", Error, "policy file \"{0}\" cannot be read: {1}", "reclaim \"nope.cs\"");
    public static readonly DiagnosticDescriptor PolicyLoad = new("MEMS1143", Error, "the compiled policy could not be loaded: {0}", "a policy whose constructor throws");
    public static readonly DiagnosticDescriptor I386PageSize = new("MEMS1220", Error, "layout i386 has 4 KiB pages only, not page_size {0}", "layout i386 ... page_size 16K");
    public static readonly DiagnosticDescriptor PaeWithoutI386 = new("MEMS1221", Error, "pae applies to layout i386 only (x86-64 page tables always have 8-byte entries)", "pae on (without layout i386)");
    public static readonly DiagnosticDescriptor I386RamWithoutPae = new("MEMS1222", Error, "a 32-bit machine without PAE addresses at most 4 GiB of RAM, not ram {0}; add pae on", "layout i386 ... ram 8G");
    public static readonly DiagnosticDescriptor KmallocSize = new("MEMS1270", Error, "kmalloc and kfree take a size a kmalloc cache serves, 1 byte to 8K, not {0}", "at 1ms { kmalloc 16K }");
    public static readonly DiagnosticDescriptor NumaNodeRange = new("MEMS1280", Error, "node {0} does not exist: the machine has {1} (0 to {2})", "numa 2 nodes ... process p (node 2)");
    public static readonly DiagnosticDescriptor NumaNodeList = new("MEMS1281", Error, "{0} takes {1}", "mbind buf bind");
    public static readonly DiagnosticDescriptor NumaSizesSum = new("MEMS1282", Error, "the nodes' sizes add up to {0}, not the machine's ram {1}", "ram 64M numa nodes 32M, 16M");
    public static readonly DiagnosticDescriptor NumaEvenSplit = new("MEMS1283", Error, "ram {0} does not split into {1} nodes of whole 4 MiB blocks; list the sizes with numa nodes SIZE, ...", "ram 64M numa 3 nodes");
    public static readonly DiagnosticDescriptor NumaLayout = new("MEMS1284", Error, "more than one NUMA node is modelled on x86_64 with 4K pages only", "layout i386 numa 2 nodes");
    public static readonly DiagnosticDescriptor NumaDistance = new("MEMS1285", Error, "the remote distance {0} must be above the local distance {1}", "distance local 20 remote 10");
    public static readonly DiagnosticDescriptor NumaNodeBlocks = new("MEMS1286", Error, "a node's size must be a whole number of 4 MiB blocks (MAX_PAGE_ORDER), not {0}", "numa nodes 30M, 34M");
    public static readonly DiagnosticDescriptor TraceFileMissing = new("MEMS1300", Error, "trace file \"{0}\" cannot be read: {1}", "read a trace \"nope.txt\"");
    public static readonly DiagnosticDescriptor TraceOption = new("MEMS1301", Error, "'{0}' applies to {1} traces, and this one is {2}", "read a trace \"t.txt\" base 0x400000");
    public static readonly DiagnosticDescriptor TraceColumns = new("MEMS1302", Error, "bad csv columns \"{0}\": {1}", "read a trace \"t.csv\" columns \"id=2\"");

    /// <summary>Every descriptor of this catalogue, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        NumberTooLarge, DuplicateMachine, UnknownSetting, UnknownWord, OutOfRange, BadPageSize, NotPageMultiple,
        TooLargeToSimulate, NotSupportedYet, UndefinedName, UndefinedFile, UndefinedShm, UndefinedProcess,
        DuplicatePid, DuplicateProcess, RangeOutside, RangeReversed, UnknownField, UnknownSysctl, BadOverride,
        TooSmall, WatermarkOrder, SettingRepeated, PredefinedShadowed, NotSizeField, TlbWays, EmptyScenario,
        NameTooLong, ReportNeedsProcess, ForkStart, ForkPidInRepeat, UsedBeforeAssigned,
        MoreThanRam, KernelTakesAllRam, SeedNeedsRandom, WatermarksAboveRam, PageTablesFillRam,
        TooManyStatements, PageOutside, NoHugetlbPool, OptRecordTooLong, NprocNotCount, PolicyFileName,
        PolicyClassShape, PolicyFileMissing, PolicyLoad, HugePageSize, I386PageSize, PaeWithoutI386, I386RamWithoutPae,
        KmallocSize, NumaNodeRange, NumaNodeList, NumaSizesSum, NumaEvenSplit, NumaLayout, NumaDistance, NumaNodeBlocks, TraceFileMissing, TraceOption, TraceColumns,
        HugePageSizeGranule, MmapHugeSize, NoGiantPool, NoHugetlbPoolForShm,
    };
}
