using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The signal and si_code a refused access delivers (SIGSEGV with
/// SEGV_MAPERR or SEGV_ACCERR, SIGBUS with BUS_ADRERR), and the word that
/// names the access in the kernel's timeline line.
/// </summary>
internal static class FaultSignal
{
    public static (string Signal, string Code) Of(FaultResult result) => result switch
    {
        FaultResult.SegvAccErr => ("SIGSEGV", "SEGV_ACCERR"),
        FaultResult.Bus => ("SIGBUS", "BUS_ADRERR"),
        _ => ("SIGSEGV", "SEGV_MAPERR"),
    };

    /// <summary>How a process killed by the signal of <paramref name="result"/> ends: <c>sigbus</c> for SIGBUS, else <c>segfault</c>.</summary>
    public static ProcessState State(FaultResult result) => result == FaultResult.Bus ? ProcessState.Sigbus : ProcessState.Segfault;

    public static string Verb(AccessKind kind) => kind switch
    {
        AccessKind.Write => "write",
        AccessKind.Exec => "exec",
        _ => "read",
    };
}
