namespace MemScript.Runtime;

/// <summary>How a process stands at the end (or at an expect), as the JSON report spells it.</summary>
public enum ProcessState
{
    Alive,
    Exited,
    Killed,
    Segfault,
}
