namespace MemScript.Runtime;

/// <summary>The report statements of LANGUAGE.md section 5.</summary>
public enum ReportKind
{
    Top,
    Maps,
    Status,
    Meminfo,
    Free,
    Vmstat,
    Buddyinfo,
    OomScores,
    Smaps,
    Perf,
    Slabinfo,
    Slabtop,
    Zoneinfo,
    Numastat,
    NumaMaps,
    /// <summary>/sys/kernel/mm/hugepages/: every hstate's pool counters.</summary>
    Hugepages,
}
