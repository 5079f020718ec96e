namespace MemScript.Policies;

/// <summary>A process the OOM killer may choose, with what oom_badness() reads of it (sizes in pages, times in ns).</summary>
public readonly record struct OomCandidate(
    int Pid, string Name, long RssAnonPages, long RssFilePages, long RssShmemPages,
    long SwapPages, long PageTablePages, long TotalVmPages, int OomScoreAdj,
    int Nice, int Uid, long CpuTimeNs, long StartTimeNs);
