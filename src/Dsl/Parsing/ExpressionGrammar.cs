using MemScript.Dsl.Syntax;
using Sprache;
using static MemScript.Dsl.Parsing.Lexemes;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The pieces statements are made of: regions (<c>NAME</c>, <c>NAME[A..B]</c>),
/// access patterns, <c>times N</c> and <c>expect</c> conditions.
/// </summary>
internal static class ExpressionGrammar
{
    private static readonly Parser<SizeSyntax?> OptionalSize =
        QuantityGrammar.Size.Select(s => (SizeSyntax?)s).Or(Parse.Return((SizeSyntax?)null));

    public static readonly Parser<RegionSyntax> Region = Spanned(
        from name in Name
        from range in (
            from open in Symbol("[")
            from start in OptionalSize
            from dots in Symbol("..")
            from end in OptionalSize
            from close in Symbol("]")
            select (start, end)).Optional()
        select new RegionSyntax(name, range.IsDefined, range.GetOrDefault().start, range.GetOrDefault().end))
        .Named("a region");

    private static readonly Parser<PatternSyntax> Stride =
        Keyword("stride").Then(_ => QuantityGrammar.Size).Select(s => (PatternSyntax)new PatternSyntax.Stride(s));

    private static readonly Parser<LiteralSyntax.Integer?> Seed =
        Keyword("seed").Then(_ => Integer).Select(s => (LiteralSyntax.Integer?)s).Or(Parse.Return((LiteralSyntax.Integer?)null));

    private static readonly Parser<PatternSyntax> Random =
        from _ in Keyword("random")
        from count in Integer
        from seed in Seed
        select (PatternSyntax)new PatternSyntax.Random(count, seed);

    private static readonly Parser<PatternSyntax> Zipf =
        from _ in Keyword("zipf")
        from count in Integer
        from alpha in Keyword("alpha").Then(_ => Lexemes.Decimal).Optional()
        from seed in Seed
        select (PatternSyntax)new PatternSyntax.Zipf(count, alpha.GetOrDefault(), seed);

    private static readonly Parser<PatternSyntax> Pages =
        from _ in Keyword("pages")
        from indices in Integer.DelimitedBy(Symbol(","))
        select (PatternSyntax)new PatternSyntax.Pages(indices.ToArray());

    private static readonly Parser<PatternSyntax> Trace =
        from _ in Keyword("trace")
        from file in Lexemes.String
        from format in Keyword("format").Then(_ => Name).Optional()
        from columns in Keyword("columns").Then(_ => Lexemes.String).Optional()
        from @base in Keyword("base").Then(_ => Integer).Optional()
        from split in KeywordName("split").Optional()
        from marks in Spanned(Keyword("access").Then(_ => Keyword("trace")).Select(w => new LiteralSyntax.Name("access trace"))).Optional()
        select (PatternSyntax)new PatternSyntax.Trace(file, format.GetOrDefault(), columns.GetOrDefault(), @base.GetOrDefault(), split.GetOrDefault(), marks.GetOrDefault());

    public static readonly Parser<PatternSyntax> Pattern =
        Spanned(Stride.Or(Random).Or(Zipf).Or(Pages).Or(Trace)).Named("a pattern");

    public static readonly Parser<LiteralSyntax.Integer> Times = Keyword("times").Then(_ => Integer);

    private static readonly Parser<string> Operator =
        Symbol("==").Or(Symbol("!=")).Or(Symbol("<=")).Or(Symbol(">=")).Or(Symbol("<")).Or(Symbol(">"))
        .Named("a comparison (== != < <= > >=)");

    private static readonly Parser<ConditionSyntax> Compare =
        from owner in Name
        from dot in Symbol(".")
        from field in FieldName
        from op in Operator
        from sign in Symbol("-").Optional()
        from value in QuantityGrammar.Size
        select (ConditionSyntax)new ConditionSyntax.Compare(owner, field, op, sign.IsDefined, value);

    private static readonly Parser<ConditionSyntax> State =
        from process in Name
        from word in Name
        select (ConditionSyntax)new ConditionSyntax.State(process, word);

    public static readonly Parser<ConditionSyntax> Condition = Spanned(Compare.Or(State)).Named("a condition");
}
