namespace MemScript.Dsl.Syntax;

/// <summary>The access patterns of section 4.2 (the default, sequential, has no node).</summary>
public abstract record PatternSyntax : SyntaxNode
{
    public sealed record Stride(SizeSyntax Step) : PatternSyntax;

    public sealed record Random(LiteralSyntax.Integer Count, LiteralSyntax.Integer? Seed) : PatternSyntax;

    public sealed record Zipf(LiteralSyntax.Integer Count, LiteralSyntax.Decimal? Alpha, LiteralSyntax.Integer? Seed) : PatternSyntax;

    public sealed record Pages(IReadOnlyList<LiteralSyntax.Integer> Indices) : PatternSyntax;

    public sealed record Trace(LiteralSyntax.String File) : PatternSyntax;
}
