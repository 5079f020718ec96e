namespace MemScript.Runtime;

/// <summary>
/// A process's TLB counters as <c>perf stat</c> names them on Intel
/// (dTLB-loads, dTLB-load-misses, dTLB-stores, dTLB-store-misses, iTLB-loads,
/// iTLB-load-misses; a miss is an access that needed a page walk), and how
/// many times its TLB was flushed (the tlb:tlb_flush tracepoint).
/// </summary>
public readonly record struct TlbCounters(
    long DtlbLoads,
    long DtlbLoadMisses,
    long DtlbStores,
    long DtlbStoreMisses,
    long ItlbLoads,
    long ItlbLoadMisses,
    long TlbFlushes);
