namespace MemScript.Dsl.Syntax;

/// <summary>One term of a size: an integer and its unit (a bare integer is bytes).</summary>
public sealed record SizeTermSyntax(LiteralSyntax.Integer Value, SizeUnit Unit) : SyntaxNode;
