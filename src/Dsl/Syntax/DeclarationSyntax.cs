namespace MemScript.Dsl.Syntax;

/// <summary>A top-level declaration of a scenario (section 2).</summary>
public abstract record DeclarationSyntax : SyntaxNode
{
    public sealed record Machine(IReadOnlyList<MachineSettingSyntax> Settings) : DeclarationSyntax;

    public sealed record File(LiteralSyntax.String Name, SizeSyntax Size, bool Cached, bool Dirty) : DeclarationSyntax;

    public sealed record Shm(LiteralSyntax.String Key, SizeSyntax Size) : DeclarationSyntax;

    public sealed record Process(LiteralSyntax.Name Name, IReadOnlyList<ProcessOptionSyntax> Options, IReadOnlyList<StatementSyntax> Body) : DeclarationSyntax;

    public sealed record At(DurationSyntax Time, IReadOnlyList<StatementSyntax> Body) : DeclarationSyntax;

    /// <summary>
    /// A <c>file</c> or <c>shm</c> whose header had a syntax error (already
    /// reported): it still declares its name, so uses of it raise no second
    /// error. Its size is unknown. Never lowered: the scenario has errors.
    /// </summary>
    public sealed record BrokenFileOrShm(LiteralSyntax.String Name, bool IsShm) : DeclarationSyntax;

    /// <summary>A top-level <c>expect</c>, <c>note</c> or report statement.</summary>
    public sealed record Statement(StatementSyntax Inner) : DeclarationSyntax;
}
