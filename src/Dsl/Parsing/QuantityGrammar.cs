using MemScript.Dsl.Syntax;
using Sprache;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// Sizes and durations (section 1). A unit follows its integer with or
/// without a space and is a whole word from the tables below (so <c>64 KX</c>
/// is an error, not 64 KiB followed by <c>X</c>). Units are case-sensitive as
/// LANGUAGE.md spells them. Size terms add up with <c>+</c>.
/// </summary>
internal static class QuantityGrammar
{
    private static readonly Dictionary<string, SizeUnit> SizeUnits = new(StringComparer.Ordinal)
    {
        ["B"] = SizeUnit.Byte,
        ["K"] = SizeUnit.Kibi, ["KB"] = SizeUnit.Kibi, ["KiB"] = SizeUnit.Kibi,
        ["M"] = SizeUnit.Mebi, ["MB"] = SizeUnit.Mebi, ["MiB"] = SizeUnit.Mebi,
        ["G"] = SizeUnit.Gibi, ["GB"] = SizeUnit.Gibi, ["GiB"] = SizeUnit.Gibi,
        ["T"] = SizeUnit.Tebi, ["TB"] = SizeUnit.Tebi, ["TiB"] = SizeUnit.Tebi,
        ["page"] = SizeUnit.Page, ["pages"] = SizeUnit.Page,
    };

    private static readonly Dictionary<string, DurationUnit> DurationUnits = new(StringComparer.Ordinal)
    {
        ["ns"] = DurationUnit.Nanoseconds,
        ["us"] = DurationUnit.Microseconds,
        ["ms"] = DurationUnit.Milliseconds,
        ["s"] = DurationUnit.Seconds,
    };

    private static Parser<TUnit> Unit<TUnit>(Dictionary<string, TUnit> table, string expected) => input =>
    {
        var word = Lexemes.Name(input);
        return word.WasSuccessful && table.TryGetValue(word.Value.Text, out var unit)
            ? Result.Success(unit, word.Remainder)
            : Result.Failure<TUnit>(input, "expected " + expected, new[] { expected });
    };

    public static readonly Parser<SizeTermSyntax> SizeTerm = Lexemes.Spanned(
        from value in Lexemes.RawInteger
        from _ in Lexemes.Blanks
        from unit in Unit(SizeUnits, "a size unit").Optional()
        select new SizeTermSyntax(value, unit.GetOrElse(SizeUnit.Byte)));

    public static readonly Parser<SizeSyntax> Size = Lexemes.Spanned(
        from first in SizeTerm
        from rest in Lexemes.Symbol("+").Then(_ => SizeTerm).Many()
        select new SizeSyntax(new[] { first }.Concat(rest).ToArray())).Named("a size");

    public static readonly Parser<DurationSyntax> Duration = Lexemes.Spanned(
        from value in Lexemes.RawInteger
        from _ in Lexemes.Blanks
        from unit in Unit(DurationUnits, "a time unit (ns, us, ms, s)")
        select new DurationSyntax(value, unit)).Named("a duration");
}
