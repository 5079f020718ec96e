using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using Setting = MemScript.Dsl.Syntax.MachineSettingSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Checks machine settings (the block, then each <c>--set</c> override) and
/// turns them into <see cref="MachineAssignment"/>s. The page size is read
/// first, because <c>pages</c> in every other size depends on it. Sizes that
/// must fit in RAM (the kernel's reservation, min_free, the high watermark)
/// are checked by <see cref="CheckAgainstRam"/> once every setting is read,
/// against the last value of each, so an override may fix the block.
/// </summary>
internal sealed partial class MachineChecker
{
    private readonly DiagnosticBag _diagnostics;
    private readonly List<MachineAssignment> _assignments = new();
    private readonly Dictionary<string, PolicyFileReference> _policyFiles = new(StringComparer.Ordinal);
    private SourceText _source = null!;

    public MachineChecker(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>LANGUAGE.md's default ram, 64 MiB.</summary>
    public const ulong DefaultRam = 64UL << 20;

    public ulong PageSize { get; private set; } = 4096;

    public IReadOnlyList<MachineAssignment> Assignments => _assignments;

    /// <summary>The policy files in force: the last <c>reclaim</c> and <c>oom</c> setting, when it names a file (reclaim first).</summary>
    public IReadOnlyList<PolicyFileReference> PolicyFiles =>
        new[] { "reclaim", "oom" }.Where(_policyFiles.ContainsKey).Select(r => _policyFiles[r]).ToList();

    private void CheckPolicyFile(Setting.PolicyFile f)
    {
        var path = f.File.Value;
        if (path.Length == 0 || !path.EndsWith(".cs", StringComparison.Ordinal))
        {
            Report(SemanticErrors.PolicyFileName, f.File.Span, path);
            return;
        }

        _policyFiles[f.Keyword.Text] = new PolicyFileReference(f.Keyword.Text, path, _source.Path == "--set", _source, f.File.Span);
    }

    /// <summary>Finds the page size among all settings (last one wins) before anything else is evaluated.</summary>
    public void ReadPageSize(IEnumerable<(Setting Setting, SourceText Source)> settings)
    {
        foreach (var (setting, _) in settings)
        {
            // 4K, 16K and 64K; another size is refused (MEMS1006) by Check.
            if (setting is Setting.Size { Keyword.Text: "page_size" } size && Evaluator.Size(size.Value, 4096) is { } bytes
                && bytes is 4096 or 16384 or 65536)
            {
                PageSize = bytes;
            }
        }
    }

    public void Check(Setting setting, SourceText source)
    {
        _source = source;
        var key = setting.Keyword.Text;
        switch (setting)
        {
            case Setting.Unknown:
                Report(SemanticErrors.UnknownSetting, setting.Keyword.Span, key, Spelling.Suggestion(key, Parsing.MachineGrammar.Names.Order(StringComparer.Ordinal)));
                break;
            case Setting.Size s:
                CheckSize(key, s);
                break;
            case Setting.SizeOrOff s:
                var bytes = s.Value is null ? 0UL : SizeOf(s.Value);
                if (bytes is { } b)
                {
                    Assign(key == "fault_around" ? "FaultAround" : "Readahead", b, setting);
                }

                break;
            case Setting.Word w:
                if (key == "oom")
                {
                    _policyFiles.Remove("oom");
                }

                CheckWord(key, w.Value, setting);
                break;
            case Setting.Number { Keyword.Text: "pid_max" } n when Int(n.Value, "pid_max", 301, Limits.MaxPid) is { } pidMax:
                Assign("PidMax", pidMax, setting);   // RESERVED_PIDS + 1 .. PID_MAX_LIMIT
                break;
            case Setting.Number { Keyword.Text: "threads_max" } n when Int(n.Value, "threads_max", 20, 0x3fff_ffff) is { } threadsMax:
                Assign("ThreadsMax", threadsMax, setting);   // MIN_THREADS .. FUTEX_TID_MASK
                break;
            case Setting.Number { Keyword.Text: "swappiness" } n when Int(n.Value, "swappiness", 0, 200) is { } swappiness:
                Assign("Swappiness", swappiness, setting);
                break;
            case Setting.Overcommit o:
                if (Word(o.Mode, "overcommit mode", Vocabulary.Overcommit.Keys) is { } mode)
                {
                    Assign("Overcommit", new EnumValue("OvercommitMode", Vocabulary.Overcommit[mode]), setting);
                }

                if (o.Ratio is not null && Int(o.Ratio, "overcommit ratio", 0, 1000) is { } ratio)
                {
                    Assign("OvercommitRatio", ratio, setting);
                }

                break;
            case Setting.Watermarks m:
                CheckWatermarks(m);
                break;
            case Setting.Reclaim r:
                _policyFiles.Remove("reclaim");
                CheckReclaim(r);
                break;
            case Setting.PolicyFile f:
                CheckPolicyFile(f);
                break;
            case Setting.Tlb { Entries: null }:
                Assign(key == "stlb" ? "StlbEntries" : "TlbEntries", 0L, setting);
                break;
            case Setting.Tlb t when Int(t.Entries!, key + " entries", 1, 65536) is { } entries:
                var ways = t.Ways is null ? DefaultWays(key, entries) : Int(t.Ways, key + " ways", 1, entries);
                if (ways is null)
                {
                    break;
                }

                if (entries % ways.Value != 0)
                {
                    Report(SemanticErrors.TlbWays, t.Ways!.Span, entries.ToString(System.Globalization.CultureInfo.InvariantCulture), ways.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                }

                Assign(key == "stlb" ? "StlbEntries" : "TlbEntries", entries, setting);
                Assign(key == "stlb" ? "StlbWays" : "TlbWays", ways.Value, setting);
                break;
            case Setting.Thp thp:
                CheckThp(thp);
                break;
            case Setting.HugePages h:
                CheckHugePages(h);
                break;
            case Setting.Numa or Setting.NumaSizes or Setting.Distance:
                CheckNumaSetting(setting);
                break;
            case Setting.Number { Keyword.Text: "zone_reclaim_mode" } n when Int(n.Value, "zone_reclaim_mode", 0, 1) is { } zoneReclaim:
                Assign("ZoneReclaimMode", (int)zoneReclaim, setting);
                break;
            case Setting.Quantum q:
                var ns = Evaluator.Nanoseconds(q.Value);
                if (ns is null)
                {
                    Report(SemanticErrors.NumberTooLarge, q.Value.Span, _source.ToString(q.Value.Span));
                }
                else if (ns < 1)
                {
                    Report(SemanticErrors.TooSmall, q.Value.Span, "quantum", "1ns");
                }
                else
                {
                    Assign("QuantumNs", ns.Value, setting);
                }

                break;
        }
    }

    private void CheckSize(string key, Setting.Size s)
    {
        if (SizeOf(s.Value) is not { } bytes)
        {
            return;
        }

        switch (key)
        {
            case "page_size":
                if (bytes is not (4096 or 16384 or 65536))
                {
                    Report(SemanticErrors.BadPageSize, s.Value.Span, bytes);
                    return;
                }

                _pageSizeSetting = (bytes, _source, s.Value.Span);
                break;
        }

        Forget(key);
        switch (key)
        {
            case "ram" when bytes > Limits.MaxRam:
                Report(SemanticErrors.TooLargeToSimulate, s.Value.Span, "ram", _source.ToString(s.Value.Span), "64 GiB");
                return;
            case "ram" when bytes < PageSize:
                Report(SemanticErrors.TooSmall, s.Value.Span, "ram", "one page");
                return;
            case "ram" or "swap" when bytes % PageSize != 0:
                Report(SemanticErrors.NotPageMultiple, s.Value.Span, key, bytes, PageSize);
                return;
            case "swap" when bytes > Limits.MaxSwap:
                Report(SemanticErrors.TooLargeToSimulate, s.Value.Span, "swap", _source.ToString(s.Value.Span), "256 GiB");
                return;
            case "kernel" or "min_free" when bytes > Limits.MaxRam:
                Report(SemanticErrors.TooLargeToSimulate, s.Value.Span, key, _source.ToString(s.Value.Span), "64 GiB");
                return;
        }

        var property = key switch
        {
            "ram" => "Ram",
            "swap" => "Swap",
            "page_size" => "PageSize",
            "min_free" => "MinFree",
            "mmap_threshold" => "MmapThreshold",
            "top_pad" => "TopPad",
            _ => "Kernel",
        };
        Remember(key, bytes, s.Value.Span);
        Assign(property, bytes, s);
    }

    private void CheckWord(string key, LiteralSyntax.Name value, Setting setting)
    {
        switch (key)
        {
            case "oom" when Word(value, "oom mode", new[] { "modern", "legacy" }) is { } mode:
                Assign("Oom", new EnumValue("OomMode", mode == "legacy" ? "Legacy" : "Modern"), setting);
                break;
            case "pagetables" when Word(value, "pagetables mode", new[] { "charged", "free" }) is { } mode:
                _pageTablesCharged = mode == "charged";
                Assign("PageTablesCharged", mode == "charged", setting);
                break;
            case "pcid" when Word(value, "pcid setting", new[] { "on", "off" }) is { } pcid:
                Assign("Pcid", pcid == "on", setting);
                break;
            case "layout" when Word(value, "layout", new[] { "x86_64", "i386" }) is { } layout:
                _layoutSetting = (layout, _source, value.Span);
                Assign("Layout", layout, setting);
                break;
            case "pae" when Word(value, "pae setting", new[] { "on", "off" }) is { } pae:
                _paeSetting = (pae == "on", _source, value.Span);
                Assign("Pae", pae == "on", setting);
                break;
            case "watermarks" when Word(value, "watermarks mode", new[] { "auto", "off" }) is { } mode:
                Forget("watermarks high");
                _derivedWatermarks = mode == "auto";
                Assign("Watermarks", new EnumValue("WatermarkMode", mode == "auto" ? "Auto" : "Off"), setting);
                break;
        }
    }

    private ulong? SizeOf(SizeSyntax size)
    {
        var bytes = Evaluator.Size(size, PageSize);
        if (bytes is null)
        {
            Report(SemanticErrors.NumberTooLarge, size.Span, _source.ToString(size.Span));
        }

        return bytes;
    }

    /// <summary>A whole number in range; the page size plays no part, so any value of it will do.</summary>
    private long? Int(LiteralSyntax.Integer value, string what, long min, long max) =>
        new ValueChecker(_source, 4096, _diagnostics).Count(value, what, min, max);

    private string? Word(LiteralSyntax.Name word, string what, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        if (list.Contains(word.Text))
        {
            return word.Text;
        }

        Report(SemanticErrors.UnknownWord, word.Span, what, word.Text, Vocabulary.Describe(list), Spelling.Suggestion(word.Text, list));
        return null;
    }

    private void Assign(string property, object value, Setting setting)
    {
        _assignments.Add(new MachineAssignment(property, value is long l && property is "Swappiness" or "PidMax" or "ThreadsMax" or "NumaNodes" or "OvercommitRatio" or "TlbEntries" or "TlbWays" or "StlbEntries" or "StlbWays" ? (int)l : value, _source, setting.Span));
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object[] args) =>
        _diagnostics.Report(descriptor, _source, span, args);
}
