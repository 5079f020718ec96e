namespace MemScript.Dsl.Syntax;

/// <summary>One option of a <c>process</c> or <c>fork</c> header (section 4).</summary>
public abstract record ProcessOptionSyntax : SyntaxNode
{
    public sealed record Pid(LiteralSyntax.Integer Value) : ProcessOptionSyntax;

    public sealed record User(LiteralSyntax.String Value) : ProcessOptionSyntax;

    public sealed record Nice(LiteralSyntax.Signed Value) : ProcessOptionSyntax;

    public sealed record OomScoreAdj(LiteralSyntax.Signed Value) : ProcessOptionSyntax;

    public sealed record OomAdj(LiteralSyntax.Signed Value) : ProcessOptionSyntax;

    public sealed record Command(LiteralSyntax.String Value) : ProcessOptionSyntax;

    public sealed record Start(DurationSyntax Value) : ProcessOptionSyntax;

    /// <summary><c>node N</c>: the NUMA node the process runs on.</summary>
    public sealed record Node(LiteralSyntax.Integer Value) : ProcessOptionSyntax;

    /// <summary><c>mempolicy POLICY</c>: the task's NUMA policy (set_mempolicy).</summary>
    public sealed record Mempolicy(MempolicySyntax Policy) : ProcessOptionSyntax;

    /// <summary><c>limit as|stack|data SIZE</c>; <see cref="Kind"/> is the word as written.</summary>
    public sealed record Limit(LiteralSyntax.Name Kind, SizeSyntax Value) : ProcessOptionSyntax;
}
