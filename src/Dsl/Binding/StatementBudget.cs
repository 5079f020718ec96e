using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Every statement becomes a few lines of C# that Roslyn compiles, and
/// Roslyn's time grows faster than the statement count (measured: 2,000
/// statements of one process 8 s, 10,000 statements 21 s and 1.1 GB). A
/// scenario with more than <see cref="MaxStatements"/> statements is refused
/// here, at the first statement past the budget, before any code is made.
/// A statement's own length is no limit: a <c>pages</c> list of any length,
/// a long note, a file of any size count as one statement each.
/// </summary>
internal static class StatementBudget
{
    public const int MaxStatements = 10_000;

    public static void Check(ScenarioSyntax syntax, DiagnosticBag diagnostics)
    {
        var count = 0;
        foreach (var declaration in syntax.Declarations)
        {
            if (declaration is D.Machine)
                continue;
            if (Count(declaration.Span, ref count, syntax.Text, diagnostics))
                return;
            var body = declaration switch
            {
                D.Process process => process.Body,
                D.At at => at.Body,
                _ => null,
            };
            if (body is not null && CountBody(body, ref count, syntax.Text, diagnostics))
                return;
        }
    }

    private static bool CountBody(IReadOnlyList<S> body, ref int count, SourceText text, DiagnosticBag diagnostics)
    {
        foreach (var statement in body)
        {
            if (Count(statement.Span, ref count, text, diagnostics))
                return true;
            var inner = statement switch
            {
                S.Repeat repeat => repeat.Body,
                S.Fork fork => fork.Body,
                _ => null,
            };
            if (inner is not null && CountBody(inner, ref count, text, diagnostics))
                return true;
        }

        return false;
    }

    /// <summary>Counts one statement; true (and reported) when it is one too many.</summary>
    private static bool Count(TextSpan span, ref int count, SourceText text, DiagnosticBag diagnostics)
    {
        if (++count <= MaxStatements)
            return false;
        diagnostics.Report(SemanticErrors.TooManyStatements, text, span, MaxStatements);
        return true;
    }
}
