namespace MemScript.Runtime.Mm;

/// <summary>What one page access did, as the fault handler decides it.</summary>
internal enum FaultResult : byte
{
    /// <summary>The page was mapped with the needed permission: no fault.</summary>
    Hit,
    Minor,
    Major,
    /// <summary>No VMA covers the address: SIGSEGV (SEGV_MAPERR), no fault counted.</summary>
    SegvMapErr,
    /// <summary>A VMA covers it but forbids the access: SIGSEGV (SEGV_ACCERR).</summary>
    SegvAccErr,
    /// <summary>Inside a file VMA but past the end of the file: SIGBUS.</summary>
    Bus,
    /// <summary>
    /// The process was chosen by the OOM killer while its fault waited for
    /// memory: it is dead, its memory freed; the access did not happen.
    /// </summary>
    OomKilled,
}
