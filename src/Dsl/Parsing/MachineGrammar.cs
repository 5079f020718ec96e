using MemScript.Dsl.Syntax;
using Sprache;
using static MemScript.Dsl.Parsing.Lexemes;
using Setting = MemScript.Dsl.Syntax.MachineSettingSyntax;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// One line of a <c>machine</c> block (section 3), also used for each
/// <c>--set KEY=VALUE</c> override read as <c>KEY VALUE</c>. A first word
/// that is no setting parses as <see cref="Setting.Unknown"/>, so the checker
/// can say "unknown machine setting" instead of a syntax error.
/// </summary>
internal static class MachineGrammar
{
    private static Parser<Setting> SizeSetting(string word) =>
        from key in KeywordName(word)
        from size in QuantityGrammar.Size
        select (Setting)new Setting.Size(key, size);

    private static Parser<Setting> SizeOrOff(string word) =>
        from key in KeywordName(word)
        from size in Keyword("off").Return((SizeSyntax?)null).Or(QuantityGrammar.Size.Select(s => (SizeSyntax?)s))
        select (Setting)new Setting.SizeOrOff(key, size);

    private static Parser<Setting> WordSetting(string word) =>
        from key in KeywordName(word)
        from value in Name
        select (Setting)new Setting.Word(key, value);

    private static readonly Parser<Setting> Watermarks =
        (from key in KeywordName("watermarks")
         from min in Keyword("min").Then(_ => QuantityGrammar.Size)
         from low in Keyword("low").Then(_ => QuantityGrammar.Size)
         from high in Keyword("high").Then(_ => QuantityGrammar.Size)
         select (Setting)new Setting.Watermarks(key, min, low, high))
        .Or(WordSetting("watermarks"));

    private static readonly Parser<Setting> Overcommit =
        from key in KeywordName("overcommit")
        from mode in Name
        from ratio in Keyword("ratio").Then(_ => Integer).Optional()
        select (Setting)new Setting.Overcommit(key, mode, ratio.GetOrDefault());

    private static readonly Parser<Setting> PolicyFile =
        from key in KeywordName("reclaim").Or(KeywordName("oom"))
        from file in Lexemes.String
        select (Setting)new Setting.PolicyFile(key, file);

    private static readonly Parser<Setting> Reclaim =
        PolicyFile
        .Or(from key in KeywordName("reclaim")
            from policy in Name
            from seed in Keyword("seed").Then(_ => Integer).Optional()
            select (Setting)new Setting.Reclaim(key, policy, seed.GetOrDefault()));

    private static Parser<Setting> Tlb(string word) =>
        (from key in KeywordName(word)
         from off in Keyword("off")
         select (Setting)new Setting.Tlb(key, null, null))
        .Or(from key in KeywordName(word)
            from entries in Integer
            from _ in Keyword("entries")
            from ways in Integer.Then(w => Keyword("way").Return(w)).Optional()
            select (Setting)new Setting.Tlb(key, entries, ways.GetOrDefault()));

    /// <summary>A defrag word: a name, or <c>defer+madvise</c> (one word with its span).</summary>
    private static readonly Parser<LiteralSyntax.Name> DefragWord = Spanned(
        from first in Name
        from rest in Symbol("+").Then(_ => Name).Optional()
        select new LiteralSyntax.Name(rest.IsDefined ? first.Text + "+" + rest.Get().Text : first.Text));

    private static readonly Parser<Setting> Thp =
        (from key in KeywordName("thp")
         from mode in Name
         from defrag in Keyword("defrag").Then(_ => DefragWord).Optional()
         from khugepaged in Keyword("khugepaged").Then(_ => Name).Optional()
         select (Setting)new Setting.Thp(key, mode, defrag.GetOrDefault(), khugepaged.GetOrDefault()))
        .Or(from key in KeywordName("defrag")
            from defrag in DefragWord
            select (Setting)new Setting.Thp(key, null, defrag, null))
        .Or(from key in KeywordName("khugepaged")
            from value in Name
            select (Setting)new Setting.Thp(key, null, null, value));

    private static readonly Parser<Setting> HugePages =
        from key in KeywordName("hugepages")
        from count in Integer
        from size in Keyword("size").Then(_ => QuantityGrammar.Size).Optional()
        select (Setting)new Setting.HugePages(key, count, size.GetOrDefault());

    private static readonly Parser<Setting> Numa =
        (from key in KeywordName("numa")
         from nodes in Integer
         from _ in Keyword("nodes").Or(Keyword("node"))
         select (Setting)new Setting.Numa(key, nodes))
        .Or(from key in KeywordName("numa")
            from _ in Keyword("nodes")
            from sizes in QuantityGrammar.Size.DelimitedBy(Symbol(","))
            select (Setting)new Setting.NumaSizes(key, sizes.ToArray()));

    private static readonly Parser<Setting> Distance =
        from key in KeywordName("distance")
        from local in Keyword("local").Then(_ => Integer)
        from remote in Keyword("remote").Then(_ => Integer)
        select (Setting)new Setting.Distance(key, local, remote);

    private static Parser<Setting> NumberSetting(string word) =>
        from key in KeywordName(word)
        from value in Integer
        select (Setting)new Setting.Number(key, value);

    private static readonly Parser<Setting> Quantum =
        from key in KeywordName("quantum")
        from value in QuantityGrammar.Duration
        select (Setting)new Setting.Quantum(key, value);

    /// <summary>The setting names this grammar knows.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "ram", "swap", "page_size", "swappiness", "overcommit", "min_free", "watermarks", "reclaim", "oom",
        "fault_around", "readahead", "mmap_threshold", "top_pad", "pagetables", "kernel", "tlb", "thp", "numa",
        "layout", "quantum", "pid_max", "threads_max", "stlb", "pcid", "defrag", "khugepaged", "hugepages",
        "pae", "distance", "zone_reclaim_mode",
    };

    private static readonly Parser<Setting> Unknown =
        from key in Name.Where(n => !Names.Contains(n.Text))
        from rest in Parse.AnyChar.Many()
        select (Setting)new Setting.Unknown(key);

    public static readonly Parser<Setting> Setting = Spanned(
        SizeSetting("ram").Or(SizeSetting("swap")).Or(SizeSetting("page_size")).Or(SizeSetting("min_free"))
        .Or(SizeSetting("mmap_threshold")).Or(SizeSetting("top_pad")).Or(SizeSetting("kernel"))
        .Or(SizeOrOff("fault_around")).Or(SizeOrOff("readahead"))
        .Or(PolicyFile).Or(WordSetting("oom")).Or(WordSetting("pagetables")).Or(Thp).Or(HugePages).Or(WordSetting("pcid")).Or(WordSetting("layout")).Or(WordSetting("pae"))
        .Or(Watermarks).Or(Overcommit).Or(Reclaim).Or(Tlb("tlb")).Or(Tlb("stlb")).Or(Numa).Or(Distance).Or(NumberSetting("zone_reclaim_mode")).Or(NumberSetting("swappiness")).Or(NumberSetting("pid_max"))
        .Or(NumberSetting("threads_max")).Or(Quantum).Or(Unknown))
        .Named("a machine setting")
        .End();
}
