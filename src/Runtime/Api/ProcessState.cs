namespace MemScript.Runtime;

/// <summary>How a process stands at the end (or at an expect), as the JSON report spells it.</summary>
public enum ProcessState
{
    Alive,
    Exited,
    Killed,
    /// <summary>Killed by SIGSEGV (an invalid access).</summary>
    Segfault,
    /// <summary>Killed by SIGBUS (an access past the end of a file mapping, BUS_ADRERR).</summary>
    Sigbus,
}
