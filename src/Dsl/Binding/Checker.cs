using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Parsing;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The checker: everything a tree must satisfy before it is lowered. Machine
/// settings (block, then overrides), the global names (processes, forks,
/// files, shm keys), then each process body and at block with
/// <see cref="BodyChecker"/>. Reports into a bag and never stops early.
/// </summary>
public static class Checker
{
    public static CheckedScenario Check(ScenarioSyntax syntax, IReadOnlyList<string> overrides, DiagnosticBag diagnostics)
    {
        var text = syntax.Text;
        if (syntax.Declarations.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Report(SemanticErrors.EmptyScenario, text, new TextSpan(0, 0));
        }

        var settings = new List<(MachineSettingSyntax, SourceText)>();
        var machines = syntax.Declarations.OfType<D.Machine>().ToList();
        foreach (var extra in machines.Skip(1))
        {
            diagnostics.Report(SemanticErrors.DuplicateMachine, text, TextSpan.FromBounds(extra.Span.Start, extra.Span.Start + 7));
        }

        if (machines.Count > 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var setting in machines[0].Settings)
            {
                if (setting is not MachineSettingSyntax.Unknown && !seen.Add(setting.Keyword.Text))
                {
                    diagnostics.Report(SemanticErrors.SettingRepeated, text, setting.Keyword.Span, setting.Keyword.Text);
                }

                settings.Add((setting, text));
            }
        }

        foreach (var item in overrides)
        {
            if (ParseOverride(item, diagnostics) is { } parsed)
            {
                settings.Add(parsed);
            }
        }

        var machine = new MachineChecker(diagnostics);
        machine.ReadPageSize(settings);
        foreach (var (setting, source) in settings)
        {
            machine.Check(setting, source);
        }

        machine.CheckAgainstRam();
        machine.CheckGeometry();
        machine.CheckNuma();

        var globals = Globals.Collect(syntax, machine.PageSize, diagnostics);
        var opt = settings.LastOrDefault(s => s.Item1 is MachineSettingSyntax.Reclaim).Item1 is MachineSettingSyntax.Reclaim { Policy.Text: "opt" }
            ? new OptRecordEstimate(machine.PageSize)
            : null;
        var hugetlbPool = machine.Assignments.Any(a => a.Property == "HugePages" && a.Value is long n && n > 0)
            || text.Text.Contains("nr_hugepages", StringComparison.Ordinal);
        var giantPool = machine.Assignments.LastOrDefault(a => a.Property == "HugePageSize")?.Value is ulong hugeSize && hugeSize == 1UL << 30
            && machine.Assignments.LastOrDefault(a => a.Property == "HugePages")?.Value is long giant && giant > 0;
        var bodies = new BodyChecker(text, machine.PageSize, globals, diagnostics) { OptRecord = opt, HugetlbPool = hugetlbPool, GiantPool = giantPool, NumaNodes = machine.NumaNodes };
        foreach (var declaration in syntax.Declarations)
        {
            bodies.CheckDeclaration(declaration);
        }

        opt?.Report(text, diagnostics);

        return new CheckedScenario(syntax, machine.PageSize, machine.Assignments) { PolicyFiles = machine.PolicyFiles };
    }

    /// <summary><c>--set reclaim=x.cs</c> (and <c>oom=</c>) names a file: it is read as <c>reclaim "x.cs"</c>.</summary>
    private static string PolicyFileValue(string key, string value) =>
        key.Trim() is "reclaim" or "oom" && value.Trim().EndsWith(".cs", StringComparison.Ordinal) && !value.TrimStart().StartsWith('"')
            ? "\"" + value.Trim() + "\""
            : value;

    private static (MachineSettingSyntax, SourceText)? ParseOverride(string item, DiagnosticBag diagnostics)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        var line = equals > 0 ? item[..equals] + " " + PolicyFileValue(item[..equals], item[(equals + 1)..]) : item;
        var source = new SourceText("--set", line);
        if (equals <= 0 || line.Contains('\n', StringComparison.Ordinal) || line.Trim().Length == 0)
        {
            diagnostics.Report(SemanticErrors.BadOverride, source, new TextSpan(0, 0), item);
            return null;
        }

        var start = 0;
        while (start < line.Length && line[start] is ' ' or '\t')
        {
            start++;
        }

        var end = line.Length;
        while (end > start && line[end - 1] is ' ' or '\t' or '\r')
        {
            end--;
        }

        var setting = Parser.ParseSetting(source, TextSpan.FromBounds(start, end), diagnostics);
        return setting is null ? null : (setting, source);
    }
}
