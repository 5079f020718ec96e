namespace MemScript.Runtime.Mm;

/// <summary>What the OOM killer did.</summary>
internal enum OomOutcome
{
    /// <summary>Another process was killed; its memory is free now and the allocation retries.</summary>
    KilledOther,
    /// <summary>The requesting process itself was killed: the operation must stop without touching its address space.</summary>
    KilledRequester,
    /// <summary>No process could be chosen (none, or all with oom_score_adj -1000).</summary>
    NoVictim,
}
