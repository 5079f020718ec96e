namespace MemScript.Dsl.Binding;

/// <summary>
/// The largest machine the simulator accepts: frames live in arrays, so RAM
/// and swap are capped (documented in docs/language-notes.md). Names are
/// capped too, so a huge one is an error rather than a broken identifier.
/// </summary>
public static class Limits
{
    public const ulong MaxRam = 64UL << 30;
    public const ulong MaxSwap = 256UL << 30;
    public const ulong MaxFile = 256UL << 30;
    public const int MaxPid = 4_194_304;

    /// <summary>
    /// The most statements a scenario may hold (MEMS1060), every statement
    /// counted once (headers, machine settings and each line of a body):
    /// compiling costs about 10 KB of host memory and 0.2 ms a statement
    /// (measured: 100,000 statements in 1 GB), so this keeps a compile under
    /// 2 GB. The splitter counts before any grammar runs and stops at the
    /// first statement past it.
    /// </summary>
    public const int MaxStatements = 150_000;

    /// <summary>The longest name of a process, fork or region: generated C# identifiers are built from names.</summary>
    public const int MaxNameLength = 128;
}
