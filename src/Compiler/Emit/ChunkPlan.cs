using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Compiler.Emit;

/// <summary>
/// How a long body is cut into generated methods of bounded size. Roslyn's
/// time and memory for one iterator grow faster than its statement count (a
/// 10,000-statement iterator took 21 s and 1.1 GB), so no method holds more
/// than <see cref="EmitContext.ChunkStatements"/> statements. A statement
/// weighs 1, a <c>repeat</c> 1 plus its body (its loop is written in one
/// method), a <c>fork</c> 1 (its body is a method of its own). Consecutive
/// statements are grouped into chunks up to the bound; a <c>repeat</c> heavier
/// than the bound is a group of its own, written as a loop in the calling
/// method whose body is cut into chunks in turn. Every pass is linear.
/// </summary>
internal static class ChunkPlan
{
    /// <summary>A run of statements that becomes one chunk method, or one heavy repeat written as a loop over chunks.</summary>
    public sealed record Group(IReadOnlyList<S> Statements, bool IsHeavyRepeat);

    /// <summary>The statements a body costs in its method, nested repeat bodies included; stops counting past <paramref name="limit"/>.</summary>
    public static long Weight(IReadOnlyList<S> body, long limit = long.MaxValue)
    {
        long weight = 0;
        foreach (var statement in body)
        {
            weight += Weight(statement, limit - weight);
            if (weight > limit)
                return weight;
        }

        return weight;
    }

    private static long Weight(S statement, long limit) =>
        statement is S.Repeat repeat ? 1 + Weight(repeat.Body, limit - 1) : 1;

    public static bool Fits(IReadOnlyList<S> body) => Weight(body, EmitContext.ChunkStatements) <= EmitContext.ChunkStatements;

    public static List<Group> Split(IReadOnlyList<S> body)
    {
        var groups = new List<Group>();
        var current = new List<S>();
        long weight = 0;
        foreach (var statement in body)
        {
            var w = Weight(statement, EmitContext.ChunkStatements);
            if (w > EmitContext.ChunkStatements)
            {
                Flush();
                groups.Add(new Group(new[] { statement }, IsHeavyRepeat: true));
                continue;
            }

            if (weight + w > EmitContext.ChunkStatements)
                Flush();
            current.Add(statement);
            weight += w;
        }

        Flush();
        return groups;

        void Flush()
        {
            if (current.Count == 0)
                return;
            groups.Add(new Group(current, IsHeavyRepeat: false));
            current = new List<S>();
            weight = 0;
        }
    }

    /// <summary>True when an <c>exit</c> of this process stands in <paramref name="body"/> (not in a fork child's body).</summary>
    public static bool HasExit(IReadOnlyList<S> body)
    {
        foreach (var statement in body)
        {
            if (statement is S.Exit || (statement is S.Repeat repeat && HasExit(repeat.Body)))
                return true;
        }

        return false;
    }
}
