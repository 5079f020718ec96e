namespace MemScript.Dsl.Syntax;

/// <summary>
/// <c>NAME</c> or <c>NAME[A..B]</c>: a region, whole or a half-open byte
/// range of it. <see cref="HasRange"/> tells the two apart; a missing bound
/// means the region's start or end.
/// </summary>
public sealed record RegionSyntax(LiteralSyntax.Name Name, bool HasRange, SizeSyntax? From, SizeSyntax? To) : SyntaxNode;
