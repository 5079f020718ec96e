using MemScript.Dsl.Text;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// What the splitter cuts a file into: the span of one statement's header
/// (one line at most, comments removed) and, when it has one, its
/// <c>{ ... }</c> block. <see cref="Broken"/> marks a header the splitter has
/// already reported (an unterminated string), so it is not parsed again.
/// </summary>
internal sealed record RawStatement(TextSpan Header, RawBlock? Block, bool Broken);
