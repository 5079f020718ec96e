namespace MemScript.Dsl.Syntax;

/// <summary>
/// One line of a <c>machine</c> block (section 3), or one <c>--set</c>
/// override. <see cref="Keyword"/> is the setting's name as written. Settings
/// share a few shapes; which keyword takes which shape is the grammar's
/// business, and the checker validates words and ranges.
/// </summary>
public abstract record MachineSettingSyntax(LiteralSyntax.Name Keyword) : SyntaxNode
{
    /// <summary><c>ram</c>, <c>swap</c>, <c>page_size</c>, <c>min_free</c>, <c>mmap_threshold</c>, <c>top_pad</c>, <c>kernel</c>.</summary>
    public sealed record Size(LiteralSyntax.Name Keyword, SizeSyntax Value) : MachineSettingSyntax(Keyword);

    /// <summary><c>fault_around</c>, <c>readahead</c>: a size or <c>off</c> (null).</summary>
    public sealed record SizeOrOff(LiteralSyntax.Name Keyword, SizeSyntax? Value) : MachineSettingSyntax(Keyword);

    /// <summary><c>oom</c>, <c>pagetables</c>, <c>thp</c>, <c>layout</c>, <c>watermarks auto|off</c>.</summary>
    public sealed record Word(LiteralSyntax.Name Keyword, LiteralSyntax.Name Value) : MachineSettingSyntax(Keyword);

    /// <summary><c>swappiness N</c>, <c>pid_max N</c>, <c>threads_max N</c>.</summary>
    public sealed record Number(LiteralSyntax.Name Keyword, LiteralSyntax.Integer Value) : MachineSettingSyntax(Keyword);

    public sealed record Overcommit(LiteralSyntax.Name Keyword, LiteralSyntax.Name Mode, LiteralSyntax.Integer? Ratio) : MachineSettingSyntax(Keyword);

    public sealed record Watermarks(LiteralSyntax.Name Keyword, SizeSyntax Min, SizeSyntax Low, SizeSyntax High) : MachineSettingSyntax(Keyword);

    public sealed record Reclaim(LiteralSyntax.Name Keyword, LiteralSyntax.Name Policy, LiteralSyntax.Integer? Seed) : MachineSettingSyntax(Keyword);

    /// <summary><c>reclaim "policy.cs"</c> or <c>oom "policy.cs"</c>: a policy written in C# (the keyword says which).</summary>
    public sealed record PolicyFile(LiteralSyntax.Name Keyword, LiteralSyntax.String File) : MachineSettingSyntax(Keyword);

    /// <summary><c>tlb N entries [M way]</c>, or <c>tlb off</c> when <see cref="Entries"/> is null (later).</summary>
    public sealed record Tlb(LiteralSyntax.Name Keyword, LiteralSyntax.Integer? Entries, LiteralSyntax.Integer? Ways) : MachineSettingSyntax(Keyword);

    /// <summary>
    /// <c>thp MODE [defrag WORD] [khugepaged on|off]</c>; also <c>defrag WORD</c> and
    /// <c>khugepaged on|off</c> alone (then <see cref="Mode"/> is null and the keyword says which).
    /// </summary>
    public sealed record Thp(LiteralSyntax.Name Keyword, LiteralSyntax.Name? Mode, LiteralSyntax.Name? Defrag, LiteralSyntax.Name? Khugepaged) : MachineSettingSyntax(Keyword);

    /// <summary><c>hugepages N [size SIZE]</c>: the hugetlb pool.</summary>
    public sealed record HugePages(LiteralSyntax.Name Keyword, LiteralSyntax.Integer Count, SizeSyntax? PageSize) : MachineSettingSyntax(Keyword);

    /// <summary><c>numa N nodes</c> (later for N &gt; 1).</summary>
    public sealed record Numa(LiteralSyntax.Name Keyword, LiteralSyntax.Integer Nodes) : MachineSettingSyntax(Keyword);

    /// <summary><c>numa nodes SIZE, SIZE, ...</c>: each node's RAM.</summary>
    public sealed record NumaSizes(LiteralSyntax.Name Keyword, IReadOnlyList<SizeSyntax> Sizes) : MachineSettingSyntax(Keyword);

    /// <summary><c>distance local N remote M</c>: the NUMA distance matrix.</summary>
    public sealed record Distance(LiteralSyntax.Name Keyword, LiteralSyntax.Integer Local, LiteralSyntax.Integer Remote) : MachineSettingSyntax(Keyword);

    public sealed record Quantum(LiteralSyntax.Name Keyword, DurationSyntax Value) : MachineSettingSyntax(Keyword);

    /// <summary>A line whose first word is no known setting; the rest is not parsed.</summary>
    public sealed record Unknown(LiteralSyntax.Name Keyword) : MachineSettingSyntax(Keyword);
}
