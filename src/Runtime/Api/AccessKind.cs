namespace MemScript.Runtime;

/// <summary>The kind of a memory access: a load, a store, or an instruction fetch.</summary>
public enum AccessKind
{
    Read,
    Write,
    Exec,
}
