namespace MemScript.Dsl.Syntax;

/// <summary>The access patterns of section 4.2 (the default, sequential, has no node).</summary>
public abstract record PatternSyntax : SyntaxNode
{
    public sealed record Stride(SizeSyntax Step) : PatternSyntax;

    public sealed record Random(LiteralSyntax.Integer Count, LiteralSyntax.Integer? Seed) : PatternSyntax;

    public sealed record Zipf(LiteralSyntax.Integer Count, LiteralSyntax.Decimal? Alpha, LiteralSyntax.Integer? Seed) : PatternSyntax;

    public sealed record Pages(IReadOnlyList<LiteralSyntax.Integer> Indices) : PatternSyntax;

    /// <summary><c>trace "FILE" [format NAME] [columns "..."] [base ADDRESS] [split] [access trace]</c>; the keywords kept for their spans.</summary>
    public sealed record Trace(
        LiteralSyntax.String File,
        LiteralSyntax.Name? Format = null,
        LiteralSyntax.String? Columns = null,
        LiteralSyntax.Integer? Base = null,
        LiteralSyntax.Name? Split = null,
        LiteralSyntax.Name? Marks = null) : PatternSyntax;
}
