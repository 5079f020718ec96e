using MemScript.Dsl.Syntax;
using Sprache;
using static MemScript.Dsl.Parsing.Lexemes;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The options of <c>process NAME (...)</c> and <c>fork NAME (...)</c>
/// (section 4): a parenthesised, comma-separated list.
/// </summary>
internal static class OptionGrammar
{
    /// <summary>A NUMA policy: a mode word and its node numbers, comma-separated (an option list's next comma is left alone).</summary>
    public static readonly Parser<MempolicySyntax> Mempolicy = Spanned(
        from mode in Name
        from nodes in Integer.DelimitedBy(Symbol(",")).Optional()
        select new MempolicySyntax(mode, nodes.IsDefined ? nodes.Get().ToArray() : Array.Empty<LiteralSyntax.Integer>()));

    private static readonly Parser<ProcessOptionSyntax> Option = Spanned(
        Keyword("pid").Then(_ => Integer).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Pid(v))
        .Or(Keyword("user").Then(_ => Lexemes.String).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.User(v)))
        .Or(Keyword("nice").Then(_ => Signed).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Nice(v)))
        .Or(Keyword("oom_score_adj").Then(_ => Signed).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.OomScoreAdj(v)))
        .Or(Keyword("oom_adj").Then(_ => Signed).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.OomAdj(v)))
        .Or(Keyword("command").Then(_ => Lexemes.String).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Command(v)))
        .Or(Keyword("start").Then(_ => QuantityGrammar.Duration).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Start(v)))
        .Or(Keyword("node").Then(_ => Integer).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Node(v)))
        .Or(Keyword("mempolicy").Then(_ => Mempolicy).Select(v => (ProcessOptionSyntax)new ProcessOptionSyntax.Mempolicy(v)))
        .Or(from _ in Keyword("limit")
            from kind in Name
            from size in QuantityGrammar.Size
            select (ProcessOptionSyntax)new ProcessOptionSyntax.Limit(kind, size)))
        .Named("a process option");

    /// <summary><c>( option, option, ... )</c>, or nothing. Once <c>(</c> is read, an error inside the list is reported where it is (XOr).</summary>
    public static readonly Parser<IReadOnlyList<ProcessOptionSyntax>> Options =
        (from open in Symbol("(")
         from options in Option.DelimitedBy(Symbol(","))
         from close in Symbol(")")
         select (IReadOnlyList<ProcessOptionSyntax>)options.ToArray())
        .XOr(Parse.Return((IReadOnlyList<ProcessOptionSyntax>)Array.Empty<ProcessOptionSyntax>()));
}
