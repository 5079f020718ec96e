namespace MemScript.Runtime.Mm;

/// <summary>
/// The modelled costs of MODEL.md section 9, in nanoseconds. Reclaim is not
/// in MODEL.md's table; the model charges 0.1 us per page scanned and 10 us
/// per page written out (to swap or back to its file) to whoever reclaims.
/// </summary>
internal sealed record CostModel(
    long TlbHit = 4,
    long TlbMiss = 20,
    long AnonFault = 1600,
    long ZeroPageFault = 700,
    long WriteAfterZeroPage = 2400,
    long FileMinorFault = 2200,
    long PopulatePerPage = 1000,
    long MunmapPerPage = 140,
    long MajorFault = 80_000,
    long ReclaimScanPerPage = 100,
    long SwapOutPerPage = 10_000);
