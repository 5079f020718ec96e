namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>What one reclaim pass did: frames freed (pgsteal) and pages scanned (pgscan).</summary>
internal readonly record struct ReclaimTally(int Reclaimed, int Scanned)
{
    public static ReclaimTally operator +(ReclaimTally a, ReclaimTally b) => new(a.Reclaimed + b.Reclaimed, a.Scanned + b.Scanned);
}
