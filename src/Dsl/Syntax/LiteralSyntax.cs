namespace MemScript.Dsl.Syntax;

/// <summary>
/// The literals of section 1: names, integers (decimal or 0x hex, with
/// <c>_</c> between digits), signed integers, decimals (zipf's alpha) and
/// strings (escapes already resolved). An integer that does not fit 64 bits
/// keeps <see cref="Integer.Overflow"/> and is reported by the checker.
/// </summary>
public abstract record LiteralSyntax : SyntaxNode
{
    public sealed record Name(string Text) : LiteralSyntax;

    public sealed record Integer(ulong Value, bool Overflow) : LiteralSyntax;

    public sealed record Signed(bool Negative, Integer Magnitude) : LiteralSyntax;

    public sealed record Decimal(double Value) : LiteralSyntax;

    public sealed record String(string Value) : LiteralSyntax;
}
