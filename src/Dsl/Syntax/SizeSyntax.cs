namespace MemScript.Dsl.Syntax;

/// <summary>
/// A size: one or more terms added together (<c>1M + 4K</c>, <c>3 pages + 100</c>).
/// Its value depends on the page size, so it is evaluated by the checker.
/// </summary>
public sealed record SizeSyntax(IReadOnlyList<SizeTermSyntax> Terms) : SyntaxNode;
