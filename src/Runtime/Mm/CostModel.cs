namespace MemScript.Runtime.Mm;

/// <summary>The modelled costs of MODEL.md section 9, in nanoseconds.</summary>
internal sealed record CostModel(
    long TlbHit = 4,
    long TlbMiss = 20,
    long AnonFault = 1600,
    long ZeroPageFault = 700,
    long WriteAfterZeroPage = 2400,
    long FileMinorFault = 2200,
    long PopulatePerPage = 1000,
    long MunmapPerPage = 140,
    long MajorFault = 80_000);
