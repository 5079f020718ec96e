namespace MemScript.Dsl.Syntax;

/// <summary>The right-hand side of <c>NAME = ...</c>: everything that makes a region.</summary>
public abstract record AllocationSyntax : SyntaxNode
{
    public sealed record Malloc(SizeSyntax Size) : AllocationSyntax;

    public sealed record Calloc(SizeSyntax Size) : AllocationSyntax;

    public sealed record Realloc(LiteralSyntax.Name Source, SizeSyntax Size) : AllocationSyntax;

    /// <summary><c>mmap SIZE {flag}</c>; <paramref name="HugeSize"/> is the size written after <c>huge</c> (<c>huge 1G</c>: MAP_HUGE_1GB), null without one.</summary>
    public sealed record Mmap(SizeSyntax Size, IReadOnlyList<LiteralSyntax.Name> Flags, SizeSyntax? HugeSize = null) : AllocationSyntax;

    public sealed record MmapFile(LiteralSyntax.String File, IReadOnlyList<LiteralSyntax.Name> Flags, SizeSyntax? Offset, SizeSyntax? Size) : AllocationSyntax;

    public sealed record ShmAt(LiteralSyntax.String Key, bool ReadOnly) : AllocationSyntax;

    /// <summary><c>shmget "KEY" SIZE [huge]</c>: <paramref name="Huge"/> is SHM_HUGETLB.</summary>
    public sealed record ShmGet(LiteralSyntax.String Key, SizeSyntax Size, bool Huge = false) : AllocationSyntax;

    /// <summary>A right-hand side that did not parse: keeps the name assigned, so one error does not cascade.</summary>
    public sealed record Missing : AllocationSyntax;
}
