namespace MemScript.Runtime.Mm;

/// <summary>What one khugepaged pass did: ranges collapsed (and the mms they were in), empty PTEs filled, allocation failures, its cost.</summary>
internal sealed class KhugepagedPass
{
    public int Collapsed { get; set; }

    public long Filled { get; set; }

    public int AllocFailed { get; set; }

    /// <summary>The pass stopped on a failed allocation: the thread sleeps alloc_sleep_millisecs, then resumes it.</summary>
    public bool AllocSleep { get; set; }

    public long CostNs { get; set; }

    /// <summary>The mm of each collapse, in order.</summary>
    public List<int> Mms { get; } = [];
}
