using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// What kswapd needs of the kernel (Kernel.Pressure.cs): whether it has work,
/// one batch of background reclaim, the free pages and the watermarks. An
/// interface so the task's wake/sleep logic can be tested on its own.
/// </summary>
internal interface IKswapdKernel
{
    bool Wanted { get; }

    KswapdBatch ReclaimBatch();

    long FreePages { get; }

    (long Min, long Low, long High) Watermarks { get; }

    /// <summary>pgdat_balanced: one zone kswapd balances is above high plus its lowmem_reserve.</summary>
    bool Balanced => FreePages >= Watermarks.High;

    /// <summary>The zone that balanced the node (its name, free pages, high, lowmem_reserve), for the sleep line; null: the summed marks speak.</summary>
    (string Zone, long Free, long High, long Reserve)? BalancedZone => null;

    ulong PageSize { get; }
}
