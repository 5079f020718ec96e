namespace MemScript.Dsl.Syntax;

/// <summary>
/// A NUMA memory policy as written after <c>mempolicy</c> or <c>mbind REGION</c>:
/// <c>local</c>, <c>bind N[,M...]</c>, <c>preferred N</c>, <c>interleave N,M[,...]</c>.
/// <see cref="Mode"/> is the word as written (the checker validates it and the node count).
/// </summary>
public sealed record MempolicySyntax(LiteralSyntax.Name Mode, IReadOnlyList<LiteralSyntax.Integer> Nodes) : SyntaxNode;
