namespace MemScript.Runtime;

/// <summary>The protection argument of mprotect.</summary>
public enum Protection
{
    None,
    Read,
    ReadWrite,
    Exec,
}
