using static MemScript.Compiler.Emit.CSharpNames;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Declares every <c>expect</c> of a process, fork or <c>at</c> body up front
/// (<c>b.ExpectIn(site, owner, checks)</c>), so the runtime can report one the
/// run never reaches. The owner is the process or fork child name whose body
/// holds it (<c>at</c> for an at block); checks is how many times a complete
/// run checks it: the product of the enclosing <c>repeat</c> counts, those
/// around a <c>fork</c> included (each iteration forks a child that checks it).
/// </summary>
internal static class ExpectSites
{
    /// <summary>Adds one line of <c>Build</c> per expectation to <paramref name="lines"/>, in file order.</summary>
    public static void Collect(EmitContext context, IReadOnlyList<D> declarations, List<Action> lines)
    {
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case D.Process process:
                    Walk(context, process.Body, process.Name.Text, 1, lines);
                    break;
                case D.At at:
                    Walk(context, at.Body, "at", 1, lines);
                    break;
            }
        }
    }

    private static void Walk(EmitContext context, IReadOnlyList<S> body, string owner, long checks, List<Action> lines)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case S.Expect:
                    var (span, times) = (statement.Span, checks);
                    lines.Add(() =>
                    {
                        context.LineOf(span);
                        context.Writer.Line($"b.ExpectIn({context.Sites.Get(span)}, {Literal(owner)}, {Long(times)});");
                    });
                    break;
                case S.Repeat repeat:
                    Walk(context, repeat.Body, owner, Times(checks, repeat.Count.Value), lines);
                    break;
                case S.Fork fork:
                    Walk(context, fork.Body, fork.Name.Text, checks, lines);
                    break;
            }
        }
    }

    private static long Times(long checks, ulong count) =>
        count == 0 ? 0 : checks > long.MaxValue / (long)Math.Min(count, long.MaxValue) ? long.MaxValue : checks * (long)count;
}
