using MemScript.Dsl.Syntax;
using Sprache;
using static MemScript.Dsl.Parsing.Lexemes;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The statements of process bodies and <c>at</c> blocks (sections 4.2, 5, 6),
/// one header at a time. Block statements (<c>repeat</c>, <c>fork</c>) are
/// parsed with an empty body; the parser driver fills it from the block. An
/// assignment is tried first, so a region may be called <c>read</c> or
/// <c>free</c>.
/// </summary>
internal static class StatementGrammar
{
    private static readonly Parser<LiteralSyntax.Name> Flag = Name.Named("a flag");

    /// <summary><c>huge SIZE</c> among mmap's flags: MAP_HUGETLB with the page size (MAP_HUGE_1GB for 1G).</summary>
    private static readonly Parser<(LiteralSyntax.Name Flag, SizeSyntax? Size)> HugeWithSize =
        from flag in KeywordName("huge")
        from size in QuantityGrammar.Size
        select (flag, (SizeSyntax?)size);

    private static readonly Parser<AllocationSyntax> MmapFile =
        from _ in Keyword("mmap")
        from __ in Keyword("file")
        from file in Lexemes.String
        from parts in Keyword("offset").Then(_ => QuantityGrammar.Size).Select(s => (Flag: (LiteralSyntax.Name?)null, Offset: (SizeSyntax?)s, Size: (SizeSyntax?)null))
            .Or(Keyword("size").Then(_ => QuantityGrammar.Size).Select(s => (Flag: (LiteralSyntax.Name?)null, Offset: (SizeSyntax?)null, Size: (SizeSyntax?)s)))
            .Or(Flag.Select(f => (Flag: (LiteralSyntax.Name?)f, Offset: (SizeSyntax?)null, Size: (SizeSyntax?)null)))
            .Many()
        select (AllocationSyntax)new AllocationSyntax.MmapFile(
            file,
            parts.Where(p => p.Flag is not null).Select(p => p.Flag!).ToArray(),
            parts.LastOrDefault(p => p.Offset is not null).Offset,
            parts.LastOrDefault(p => p.Size is not null).Size);

    private static readonly Parser<AllocationSyntax> Allocation = Spanned(
        Keyword("malloc").Then(_ => QuantityGrammar.Size).Select(s => (AllocationSyntax)new AllocationSyntax.Malloc(s))
        .Or(Keyword("calloc").Then(_ => QuantityGrammar.Size).Select(s => (AllocationSyntax)new AllocationSyntax.Calloc(s)))
        .Or(from _ in Keyword("realloc")
            from source in Name
            from size in QuantityGrammar.Size
            select (AllocationSyntax)new AllocationSyntax.Realloc(source, size))
        .Or(MmapFile)
        .Or(from _ in Keyword("mmap")
            from size in QuantityGrammar.Size
            from flags in HugeWithSize.Or(Flag.Select(f => (Flag: f, Size: (SizeSyntax?)null))).Many()
            select (AllocationSyntax)new AllocationSyntax.Mmap(size, flags.Select(f => f.Flag).ToArray(), flags.LastOrDefault(f => f.Size is not null).Size))
        .Or(from _ in Keyword("shmat")
            from key in Lexemes.String
            from ro in Keyword("read").Optional()
            select (AllocationSyntax)new AllocationSyntax.ShmAt(key, ro.IsDefined))
        .Or(from _ in Keyword("shmget")
            from key in Lexemes.String
            from size in QuantityGrammar.Size
            from huge in Keyword("huge").Optional()
            select (AllocationSyntax)new AllocationSyntax.ShmGet(key, size, huge.IsDefined)))
        .Named("malloc, calloc, realloc, mmap, shmat or shmget");

    private static readonly Parser<S> Assign =
        from target in Name
        from eq in Symbol("=")
        from value in Allocation
        select (S)new S.Assign(target, value);

    private static Parser<S> Access(string kind) =>
        from _ in Keyword(kind)
        from region in ExpressionGrammar.Region
        from pattern in ExpressionGrammar.Pattern.XOptional()
        from times in ExpressionGrammar.Times.XOptional()
        select (S)new S.Access(kind, region, pattern.GetOrDefault(), times.GetOrDefault());

    private static readonly Parser<S> Touch =
        from _ in Keyword("touch")
        from region in ExpressionGrammar.Region
        select (S)new S.Access("touch", region, null, null);

    private static Parser<S> RegionWord(string keyword, Func<RegionSyntax, LiteralSyntax.Name, S> make) =>
        from _ in Keyword(keyword)
        from region in ExpressionGrammar.Region
        from word in Name
        select make(region, word);

    private static readonly string[] ReportWords =
        { "top", "meminfo", "free", "vmstat", "buddyinfo", "oom_scores", "slabinfo", "slabtop",
          "zoneinfo", "numastat", "hugepages" };

    private static readonly Parser<S> Report =
        (from kind in KeywordName("maps").Or(KeywordName("status")).Or(KeywordName("smaps")).Or(KeywordName("perf")).Or(KeywordName("numa_maps"))
         from process in Name.Optional()
         select (S)new S.Report(kind, process.GetOrDefault()))
        .Or(ReportWords.Select(KeywordName).Aggregate((a, b) => a.Or(b)).Select(kind => (S)new S.Report(kind, null)));

    private static readonly Parser<S> Process =
        Keyword("free").Then(_ => Name).Select(n => (S)new S.Free(n))
        .Or(Keyword("munmap").Then(_ => ExpressionGrammar.Region).Select(r => (S)new S.Munmap(r)))
        .Or(RegionWord("mprotect", (r, w) => new S.Mprotect(r, w)))
        .Or(RegionWord("madvise", (r, w) => new S.Madvise(r, w)))
        .Or(Keyword("mlock").Then(_ => ExpressionGrammar.Region).Select(r => (S)new S.Mlock(r, Unlock: false)))
        .Or(Keyword("munlock").Then(_ => ExpressionGrammar.Region).Select(r => (S)new S.Mlock(r, Unlock: true)))
        .Or(from _ in Keyword("mbind")
            from region in ExpressionGrammar.Region
            from policy in OptionGrammar.Mempolicy
            select (S)new S.Mbind(region, policy))
        .Or(from _ in Keyword("brk")
            from sign in Symbol("+").Or(Symbol("-"))
            from size in QuantityGrammar.Size
            select (S)new S.Brk(sign == "-", size))
        .Or(Keyword("shmdt").Then(_ => Name).Select(n => (S)new S.ShmDt(n)))
        .Or(Keyword("shmrm").Then(_ => Lexemes.String).Select(k => (S)new S.ShmRm(k)))
        .Or(Access("read")).Or(Access("write")).Or(Access("exec")).Or(Touch)
        .Or(Keyword("sleep").Then(_ => QuantityGrammar.Duration).Select(d => (S)new S.Sleep(d)))
        .Or(Keyword("repeat").Then(_ => Integer).Select(n => (S)new S.Repeat(n, Array.Empty<S>())))
        .Or(from _ in Keyword("fork")
            from name in Name
            from options in OptionGrammar.Options
            select (S)new S.Fork(name, options, Array.Empty<S>()))
        .Or(Keyword("exit").Return((S)new S.Exit()));

    private static readonly Parser<S> Shared =
        Keyword("kill").Then(_ => Name).Select(n => (S)new S.Kill(n))
        .Or(Keyword("note").Then(_ => Lexemes.String).Select(t => (S)new S.Note(t)))
        .Or(Keyword("expect").Then(_ => ExpressionGrammar.Condition).Select(c => (S)new S.Expect(c)))
        .Or(Report);

    private static readonly Parser<S> Events =
        Keyword("pressure").Then(_ => QuantityGrammar.Size).Select(s => (S)new S.Pressure(s))
        .Or(Keyword("release").Then(_ => QuantityGrammar.Size).Select(s => (S)new S.Release(s)))
        .Or(Keyword("drop_caches").Then(_ => Integer.Optional()).Select(m => (S)new S.DropCaches(m.GetOrDefault())))
        .Or(from _ in Keyword("kmalloc")
            from size in QuantityGrammar.Size
            from count in Keyword("count").Then(_ => Integer).Optional()
            select (S)new S.Kmalloc(size, count.GetOrDefault()))
        .Or(from _ in Keyword("kfree")
            from size in QuantityGrammar.Size
            from count in Keyword("count").Then(_ => Integer).Optional()
            select (S)new S.Kfree(size, count.GetOrDefault()))
        .Or(from _ in Keyword("sysctl")
            from vm in Keyword("vm")
            from dot in Symbol(".")
            from name in Name
            from eq in Symbol("=")
            from value in Signed
            select (S)new S.Sysctl(name, value))
        .Or(from _ in Keyword("oom_score_adj")
            from process in Name
            from value in Signed
            select (S)new S.SetOomScoreAdj(process, value));

    /// <summary>Any statement of any body; the driver checks it is allowed where it stands.</summary>
    public static readonly Parser<S> Statement = Spanned(Assign.Or(Process).Or(Shared).Or(Events)).Named("a statement");
}
