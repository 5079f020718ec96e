namespace MemScript.Dsl.Syntax;

/// <summary>
/// A statement of a process body (section 4.2) or of an <c>at</c> block
/// (section 6). One hierarchy for both: the grammar decides which statements
/// each context accepts. Words (advice, protection, report kinds) are kept as
/// written and validated by the checker.
/// </summary>
public abstract record StatementSyntax : SyntaxNode
{
    public sealed record Assign(LiteralSyntax.Name Target, AllocationSyntax Value) : StatementSyntax;

    public sealed record Free(LiteralSyntax.Name Target) : StatementSyntax;

    public sealed record Munmap(RegionSyntax Region) : StatementSyntax;

    public sealed record Mprotect(RegionSyntax Region, LiteralSyntax.Name Protection) : StatementSyntax;

    public sealed record Madvise(RegionSyntax Region, LiteralSyntax.Name Advice) : StatementSyntax;

    /// <summary><c>mlock REGION</c>, or <c>munlock REGION</c> when <see cref="Unlock"/>.</summary>
    public sealed record Mlock(RegionSyntax Region, bool Unlock) : StatementSyntax;

    /// <summary><c>mbind REGION POLICY</c>: a per-VMA NUMA policy.</summary>
    public sealed record Mbind(RegionSyntax Region, MempolicySyntax Policy) : StatementSyntax;

    public sealed record Brk(bool Negative, SizeSyntax Delta) : StatementSyntax;

    public sealed record ShmDt(LiteralSyntax.Name Target) : StatementSyntax;

    public sealed record ShmRm(LiteralSyntax.String Key) : StatementSyntax;

    /// <summary><c>read</c>, <c>write</c>, <c>exec</c> (<see cref="Kind"/>) or <c>touch</c>.</summary>
    public sealed record Access(string Kind, RegionSyntax Region, PatternSyntax? Pattern, LiteralSyntax.Integer? Times) : StatementSyntax;

    public sealed record Sleep(DurationSyntax Duration) : StatementSyntax;

    public sealed record Repeat(LiteralSyntax.Integer Count, IReadOnlyList<StatementSyntax> Body) : StatementSyntax;

    public sealed record Fork(LiteralSyntax.Name Name, IReadOnlyList<ProcessOptionSyntax> Options, IReadOnlyList<StatementSyntax> Body) : StatementSyntax;

    public sealed record Exit : StatementSyntax;

    public sealed record Kill(LiteralSyntax.Name Process) : StatementSyntax;

    public sealed record Note(LiteralSyntax.String Text) : StatementSyntax;

    public sealed record Expect(ConditionSyntax Condition) : StatementSyntax;

    /// <summary><c>top</c>, <c>maps [NAME]</c>, <c>status [NAME]</c>, <c>meminfo</c>, ...</summary>
    public sealed record Report(LiteralSyntax.Name Kind, LiteralSyntax.Name? Process) : StatementSyntax;

    public sealed record Pressure(SizeSyntax Size) : StatementSyntax;

    public sealed record Release(SizeSyntax Size) : StatementSyntax;

    /// <summary><c>drop_caches [1|2|3]</c>; no mode means 3.</summary>
    public sealed record DropCaches(LiteralSyntax.Integer? Mode = null) : StatementSyntax;

    /// <summary><c>kmalloc SIZE [count N]</c> in an <c>at</c> block: a driver's slab objects.</summary>
    public sealed record Kmalloc(SizeSyntax Size, LiteralSyntax.Integer? Count) : StatementSyntax;

    /// <summary><c>kfree SIZE [count N]</c> in an <c>at</c> block.</summary>
    public sealed record Kfree(SizeSyntax Size, LiteralSyntax.Integer? Count) : StatementSyntax;

    /// <summary><c>sysctl vm.NAME = VALUE</c>.</summary>
    public sealed record Sysctl(LiteralSyntax.Name Name, LiteralSyntax.Signed Value) : StatementSyntax;

    /// <summary><c>oom_score_adj NAME N</c> in an <c>at</c> block.</summary>
    public sealed record SetOomScoreAdj(LiteralSyntax.Name Process, LiteralSyntax.Signed Value) : StatementSyntax;
}
