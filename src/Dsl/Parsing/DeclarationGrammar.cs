using MemScript.Dsl.Syntax;
using Sprache;
using static MemScript.Dsl.Parsing.Lexemes;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// Top-level declarations (sections 2, 3a, 4, 6) and, through
/// <see cref="Item"/>, any header of the language: the driver parses every
/// header with it and then checks the result is allowed where it stands, so
/// <c>touch a</c> at top level says "not allowed here", not "unexpected".
/// </summary>
internal static class DeclarationGrammar
{
    private static readonly Parser<D> Machine = Keyword("machine").Return((D)new D.Machine(Array.Empty<MachineSettingSyntax>()));

    private static readonly Parser<D> File =
        from _ in Keyword("file")
        from name in Lexemes.String
        from __ in Keyword("size")
        from size in QuantityGrammar.Size
        from cached in Keyword("cached").Optional()
        from dirty in Keyword("dirty").Optional()
        select (D)new D.File(name, size, cached.IsDefined || dirty.IsDefined, dirty.IsDefined);

    private static readonly Parser<D> Shm =
        from _ in Keyword("shm")
        from key in Lexemes.String
        from __ in Keyword("size")
        from size in QuantityGrammar.Size
        select (D)new D.Shm(key, size);

    private static readonly Parser<D> Process =
        from _ in Keyword("process")
        from name in Name
        from options in OptionGrammar.Options
        select (D)new D.Process(name, options, Array.Empty<StatementSyntax>());

    private static readonly Parser<D> At =
        from _ in Keyword("at")
        from time in QuantityGrammar.Duration
        select (D)new D.At(time, Array.Empty<StatementSyntax>());

    private static readonly Parser<SyntaxNode> Declaration = Spanned(Machine.Or(File).Or(Shm).Or(Process).Or(At));

    /// <summary>A declaration or a statement, to the end of the header.</summary>
    public static readonly Parser<SyntaxNode> Item =
        StatementGrammar.Statement.Select(s => (SyntaxNode)s)
        .Or(Declaration)
        .End();
}
