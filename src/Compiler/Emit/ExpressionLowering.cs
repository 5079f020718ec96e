using MemScript.Dsl.Binding;
using MemScript.Dsl.Syntax;
using static MemScript.Compiler.Emit.CSharpNames;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Lowers the expressions of a checked tree to C# expressions: sizes (to
/// bytes, with the machine's page size), durations, regions, patterns,
/// process options and expectations. Everything here was validated by the
/// checker; a value that does not evaluate is a compiler bug.
/// </summary>
internal sealed class ExpressionLowering
{
    private readonly EmitContext _context;

    public ExpressionLowering(EmitContext context) => _context = context;

    public ulong Bytes(SizeSyntax size) =>
        Evaluator.Size(size, _context.PageSize) ?? throw new InvalidOperationException("Size did not evaluate after checking.");

    public string Size(SizeSyntax size) => ULong(Bytes(size));

    public string Duration(DurationSyntax duration) =>
        Long(Evaluator.Nanoseconds(duration) ?? throw new InvalidOperationException("Duration did not evaluate after checking."));

    public static long Signed(LiteralSyntax.Signed value) =>
        Evaluator.Signed(value) ?? throw new InvalidOperationException("Number did not evaluate after checking.");

    /// <summary>A region name: the local holding it, or the predefined region when the process never assigns it.</summary>
    public string Region(RegionSyntax region, ISet<string> names)
    {
        var name = Name(region.Name.Text, names);
        if (!region.HasRange)
        {
            return name;
        }

        var from = region.From is null ? "null" : Size(region.From);
        var to = region.To is null ? "null" : Size(region.To);
        return $"p.Slice({_context.Sites.Get(region.Span)}, {name}, {from}, {to})";
    }

    public string Name(string name, ISet<string> names) =>
        !names.Contains(name) && KnownNames.PredefinedRegions.TryGetValue(name, out var property) ? "p." + property : _context.Var(name);

    public string Pattern(PatternSyntax? pattern) => pattern switch
    {
        null => Rt + "AccessPattern.Sequential",
        PatternSyntax.Stride s => $"{Rt}AccessPattern.StrideOf({Size(s.Step)})",
        PatternSyntax.Random r => $"{Rt}AccessPattern.RandomOf({Long((long)r.Count.Value)}, {Long((long)(r.Seed?.Value ?? 0))})",
        PatternSyntax.Zipf z => $"{Rt}AccessPattern.ZipfOf({Long((long)z.Count.Value)}, {Double(z.Alpha?.Value ?? 1.0)}, {Long((long)(z.Seed?.Value ?? 0))})",
        PatternSyntax.Pages p => $"{Rt}AccessPattern.PagesOf({_context.Data.Pages(PageIndices(p))})",
        PatternSyntax.Trace t => $"{Rt}AccessPattern.TraceOf({_context.Data.Trace(TraceLowering.Source(t, _context.Text.Path))})",
        _ => throw new InvalidOperationException("Pattern not supported after checking."),
    };

    private static long[] PageIndices(PatternSyntax.Pages pages)
    {
        var indices = new long[pages.Indices.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = (long)pages.Indices[i].Value;
        }

        return indices;
    }

    public string Flags(IReadOnlyList<LiteralSyntax.Name> flags)
    {
        var members = flags.SelectMany(f => Vocabulary.MmapFlags[f.Text].Split('|')).Where(m => m != "None").Distinct().ToList();
        return members.Count == 0
            ? Rt + "MmapFlags.None"
            : string.Join(" | ", members.Select(m => Rt + "MmapFlags." + Identifier("", m)));
    }

    /// <summary>
    /// A process's or fork's options. For a fork, <c>Given</c> names the
    /// inheritable options its header wrote, so the runtime inherits the
    /// others from the parent, and keeps a written default (<c>nice 0</c>).
    /// </summary>
    public string Options(IReadOnlyList<ProcessOptionSyntax> options, bool isFork = false)
    {
        if (options.Count == 0)
        {
            return Rt + "ProcessOptions.Default";
        }

        var inits = new List<string>();
        foreach (var option in options)
        {
            switch (option)
            {
                case ProcessOptionSyntax.Pid pid:
                    inits.Add("Pid = " + Int((long)pid.Value.Value));
                    break;
                case ProcessOptionSyntax.User user:
                    inits.Add("User = " + _context.Data.String(user.Value.Value));
                    break;
                case ProcessOptionSyntax.Nice nice:
                    inits.Add("Nice = " + Int(Signed(nice.Value)));
                    break;
                case ProcessOptionSyntax.OomScoreAdj adj:
                    inits.Add("OomScoreAdj = " + Int(Signed(adj.Value)));
                    break;
                case ProcessOptionSyntax.OomAdj adj:
                    var legacy = (int)Signed(adj.Value);
                    inits.Add("OomAdj = " + Int(legacy));
                    inits.Add("OomScoreAdj = " + Int(Evaluator.OomAdjToScoreAdj(legacy)));
                    break;
                case ProcessOptionSyntax.Command command:
                    inits.Add("Command = " + _context.Data.String(command.Value.Value));
                    break;
                case ProcessOptionSyntax.Start start:
                    inits.Add("StartNs = " + Duration(start.Value));
                    break;
                case ProcessOptionSyntax.Node node:
                    inits.Add("Node = " + Int((long)node.Value.Value));
                    break;
                case ProcessOptionSyntax.Mempolicy mempolicy:
                    inits.Add("Mempolicy = " + Mempolicy(mempolicy.Policy));
                    break;
                case ProcessOptionSyntax.Limit limit:
                    var property = limit.Kind.Text switch { "as" => "LimitAs", "stack" => "LimitStack", "nproc" => "LimitNproc", _ => "LimitData" };
                    inits.Add(property + " = " + Size(limit.Value));
                    break;
            }
        }

        // Later options win, as in the runtime's object initialiser; keep only the last of each property.
        var last = inits.GroupBy(i => i[..i.IndexOf(' ', StringComparison.Ordinal)]).Select(g => g.Last()).ToList();
        if (isFork)
        {
            var given = last.Select(i => i[..i.IndexOf(' ', StringComparison.Ordinal)])
                .Where(p => p is "User" or "Nice" or "OomScoreAdj" or "LimitAs" or "LimitStack" or "LimitData" or "LimitNproc")
                .Select(p => $"{Rt}ProcessOptions.InheritableOptions.{p}")
                .ToList();
            if (given.Count > 0)
            {
                last.Add("Given = " + string.Join(" | ", given));
            }
        }

        return $"new {Rt}ProcessOptions {{ {string.Join(", ", last)} }}";
    }

    public string Expectation(ConditionSyntax condition)
    {
        var text = _context.Data.String(_context.Text.ToString(condition.Span));
        switch (condition)
        {
            case ConditionSyntax.State state:
                return $"new {Rt}Expectation.State({text}, {_context.Data.String(state.Process.Text)}, {Rt}ProcessState.{Identifier("", Vocabulary.States[state.Word.Text])})";
            case ConditionSyntax.Compare compare:
                var op = Rt + "CompareOp." + Vocabulary.Operators[compare.Operator];
                var value = Long(Evaluator.SignedSize(compare.Negative, compare.Value, _context.PageSize)
                    ?? throw new InvalidOperationException("Value did not evaluate after checking."));
                var field = Identifier("", KnownNames.CanonicalField(compare.Field.Text));
                return compare.Owner.Text switch
                {
                    "vmstat" => $"new {Rt}Expectation.Vmstat({text}, {Rt}VmCounter.{field}, {op}, {value})",
                    "meminfo" => $"new {Rt}Expectation.Meminfo({text}, {Rt}MeminfoField.{field}, {op}, {value})",
                    _ => $"new {Rt}Expectation.Field({text}, {_context.Data.String(compare.Owner.Text)}, {Rt}ProcessField.{field}, {op}, {value})",
                };
            default:
                throw new InvalidOperationException("Unknown condition.");
        }
    }

    /// <summary>A checked policy as a runtime <c>MemPolicy</c>: its mode and node mask.</summary>
    public static string Mempolicy(MempolicySyntax policy)
    {
        ulong mask = 0;
        foreach (var node in policy.Nodes)
        {
            mask |= 1UL << (int)node.Value;
        }

        return $"new {Rt}MemPolicy({Rt}MemPolicyMode.{Identifier("", Vocabulary.Mempolicies[policy.Mode.Text])}, {mask.ToString(System.Globalization.CultureInfo.InvariantCulture)}UL)";
    }

    public string Report(StatementSyntax.Report report) =>
        $"{Rt}ReportKind.{Vocabulary.Reports[report.Kind.Text]}, {(report.Process is null ? "null" : _context.Data.String(report.Process.Text))}";
}
