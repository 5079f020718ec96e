using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The C library's own loads and stores on behalf of a process (malloc's
/// headers, memset, memcpy): a refused one is kept and its signal delivered
/// when the library call returns; one whose fault got the process OOM-killed
/// ends its accesses quietly (the process is dead, the killer wrote the row).
/// </summary>
internal sealed partial class ProcessTask
{
    private (ulong Address, AccessKind Kind, FaultResult Result)? _libraryFault;

    /// <summary>
    /// A load or store made by the C library itself (malloc's headers, memset,
    /// memcpy). The first one the kernel refuses is kept (the library call
    /// stops touching memory after it) until <see cref="KillOnLibraryFault"/>
    /// delivers the signal when the call returns.
    /// </summary>
    public void LibraryAccess(ulong address, AccessKind kind)
    {
        if (_libraryFault != null || !IsLive)
            return;
        long cost = 0;
        var result = Kernel.Access(Mm, address, kind, ref cost);
        Clock.Advance(cost);
        Clock.CountAccess();
        if (result >= FaultResult.SegvMapErr && result != FaultResult.OomKilled)
            _libraryFault = (address, kind, result);
    }

    /// <summary>The signal a refused library access is due to deliver, or null.</summary>
    public string? LibraryFaultSignal => _libraryFault is { } f ? FaultSignal.Of(f.Result).Signal : null;

    /// <summary>
    /// After a library call (malloc, calloc, realloc, free) and its timeline
    /// entry: if one of its own accesses faulted, the process dies of the
    /// signal like any access; true then.
    /// </summary>
    public bool KillOnLibraryFault(Site site, string call)
    {
        if (_libraryFault is not var (address, kind, result))
            return false;
        _libraryFault = null;
        var (signal, code) = FaultSignal.Of(result);
        Die(FaultSignal.State(result), site,
            $"{signal} at {Units.Hex(address)} ({code}): {FaultSignal.Verb(kind)} in {call} at {site}",
            $"killed by {signal}; its memory is freed");
        return true;
    }
}
