namespace MemScript.Dsl.Syntax;

/// <summary>A duration: an integer and a unit (<c>10ms</c>, <c>2 s</c>).</summary>
public sealed record DurationSyntax(LiteralSyntax.Integer Value, DurationUnit Unit) : SyntaxNode;
