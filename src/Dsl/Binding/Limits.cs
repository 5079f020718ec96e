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

    /// <summary>The longest name of a process, fork or region: generated C# identifiers are built from names.</summary>
    public const int MaxNameLength = 128;
}
