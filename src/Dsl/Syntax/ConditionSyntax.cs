namespace MemScript.Dsl.Syntax;

/// <summary>
/// The condition of an <c>expect</c>: <c>OWNER.FIELD OP VALUE</c> (owner is a
/// process, <c>vmstat</c> or <c>meminfo</c>) or <c>NAME STATE</c>. Operator and
/// words are kept as written; the checker validates them.
/// </summary>
public abstract record ConditionSyntax : SyntaxNode
{
    public sealed record Compare(LiteralSyntax.Name Owner, LiteralSyntax.Name Field, string Operator, bool Negative, SizeSyntax Value) : ConditionSyntax;

    public sealed record State(LiteralSyntax.Name Process, LiteralSyntax.Name Word) : ConditionSyntax;
}
