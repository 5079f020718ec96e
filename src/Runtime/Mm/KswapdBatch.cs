namespace MemScript.Runtime.Mm;

/// <summary>What one batch of kswapd's reclaim did: pages freed, pages scanned, and its simulated cost in ns.</summary>
internal readonly record struct KswapdBatch(int Reclaimed, int Scanned, long CostNs);
