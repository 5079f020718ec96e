using MemScript.Dsl.Text;

namespace MemScript.Dsl.Syntax;

/// <summary>
/// The base of every syntax node: immutable, with the span of source text it
/// came from. Positional parameters hold the children; the span is set by the
/// parser once the node's extent is known (<c>node with { Span = ... }</c>).
/// </summary>
public abstract record SyntaxNode
{
    public TextSpan Span { get; init; }
}
