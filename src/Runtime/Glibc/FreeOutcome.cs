namespace MemScript.Runtime.Glibc;

/// <summary>What <see cref="MallocArena.Free"/> found: glibc aborts the process on the two errors.</summary>
internal enum FreeOutcome
{
    Ok,
    /// <summary>"free(): invalid pointer": not a pointer malloc returned.</summary>
    InvalidPointer,
    /// <summary>"free(): double free detected".</summary>
    DoubleFree,
}
