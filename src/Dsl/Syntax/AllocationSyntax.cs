namespace MemScript.Dsl.Syntax;

/// <summary>The right-hand side of <c>NAME = ...</c>: everything that makes a region.</summary>
public abstract record AllocationSyntax : SyntaxNode
{
    public sealed record Malloc(SizeSyntax Size) : AllocationSyntax;

    public sealed record Calloc(SizeSyntax Size) : AllocationSyntax;

    public sealed record Realloc(LiteralSyntax.Name Source, SizeSyntax Size) : AllocationSyntax;

    public sealed record Mmap(SizeSyntax Size, IReadOnlyList<LiteralSyntax.Name> Flags) : AllocationSyntax;

    public sealed record MmapFile(LiteralSyntax.String File, IReadOnlyList<LiteralSyntax.Name> Flags, SizeSyntax? Offset, SizeSyntax? Size) : AllocationSyntax;

    public sealed record ShmAt(LiteralSyntax.String Key, bool ReadOnly) : AllocationSyntax;

    public sealed record ShmGet(LiteralSyntax.String Key, SizeSyntax Size) : AllocationSyntax;
}
