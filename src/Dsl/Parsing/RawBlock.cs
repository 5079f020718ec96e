using MemScript.Dsl.Text;

namespace MemScript.Dsl.Parsing;

/// <summary>A <c>{ ... }</c> block: the span of its opening brace and its statements.</summary>
internal sealed record RawBlock(TextSpan Open, IReadOnlyList<RawStatement> Statements);
