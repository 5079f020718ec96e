namespace MemScript.Runtime.Mm;

/// <summary>
/// The modelled costs of MODEL.md section 9, in nanoseconds. A translation
/// from the second-level TLB costs <see cref="StlbHit"/> (the L1 hit and about
/// nine cycles more); a page walk costs the hit and <see cref="WalkPerLevel"/>
/// for each table it reads: 20 ns for a 4 KiB page (four levels, MODEL.md's
/// figure, <see cref="TlbMiss"/>), 16 ns for a PMD-mapped huge page. Reclaim is not
/// in MODEL.md's table; the model charges 0.1 us per page scanned and 10 us
/// per page written out (to swap or back to its file) to whoever reclaims.
/// On a NUMA machine an access to a page on another node costs
/// <see cref="RemoteAccess"/> more at the default distances (20 against 10;
/// scaled by the distance above local): a remote DRAM access takes about
/// 1.6 times a local one (some 140 ns against 90 ns), which MODEL.md does not
/// measure (docs/language-notes.md).
/// </summary>
internal sealed record CostModel(
    long TlbHit = 4,
    long TlbMiss = 20,
    long StlbHit = 7,
    long WalkPerLevel = 4,
    long AnonFault = 1600,
    long ThpFault = 40_000,
    long ZeroPageFault = 700,
    long WriteAfterZeroPage = 2400,
    long FileMinorFault = 2200,
    long PopulatePerPage = 1000,
    long MunmapPerPage = 140,
    long MajorFault = 80_000,
    long ReclaimScanPerPage = 100,
    long SwapOutPerPage = 10_000,
    long RemoteAccess = 60)
{
    /// <summary>A walk that ends at a PMD entry: three levels read.</summary>
    public long HugeWalk => TlbHit + 3 * WalkPerLevel;

    /// <summary>A walk that ends at a PUD entry (a 1 GiB page): two levels read.</summary>
    public long GiantWalk => TlbHit + 2 * WalkPerLevel;

    /// <summary>A 1 GiB hugetlb fault: the page zeroed, 512 times a 2 MiB one's cost.</summary>
    public long GiganticFault => ThpFault * 512;
}
