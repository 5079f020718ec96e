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

    ulong PageSize { get; }
}
