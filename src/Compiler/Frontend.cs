using MemScript.Compiler.Emit;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Parsing;
using MemScript.Dsl.Text;

namespace MemScript.Compiler;

/// <summary>
/// The front half of the pipeline: parse, check, lower to C#. Each stage
/// reports into one bag; lowering runs only when nothing before it found an
/// error. Diagnostics come back sorted by position: the .mems file first,
/// then the <c>--set</c> overrides. A text that is no text (a NUL, half a
/// surrogate pair) gets one MEMS0012 at its first bad character and no parse.
/// </summary>
public static class Frontend
{
    /// <summary>Parse and check only; diagnostics sorted by position.</summary>
    public static IReadOnlyList<Diagnostic> Check(CompileRequest request) => Analyse(request).Diagnostics;

    /// <summary>Parse, check and generate C#; no source when there are errors.</summary>
    public static EmitResult Emit(CompileRequest request)
    {
        var (scenario, diagnostics) = Analyse(request);
        if (scenario is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new EmitResult(null, diagnostics);
        }

        return new EmitResult(ScenarioEmitter.Emit(scenario), diagnostics) { PolicyFiles = scenario.PolicyFiles };
    }

    private static (CheckedScenario? Scenario, IReadOnlyList<Diagnostic> Diagnostics) Analyse(CompileRequest request)
    {
        var bag = new DiagnosticBag();
        var text = new SourceText(request.Path, request.Text);
        if (NonText.Find(request.Text) is { } bad)
        {
            bag.Report(SyntaxErrors.NotText, text, new TextSpan(bad.Offset, 1), bad.What);
            return (null, bag.Items);
        }

        var syntax = Parser.ParseScenario(text, bag);
        var scenario = Checker.Check(syntax, request.Overrides, bag);
        var sorted = bag.Items
            .Select((d, index) => (d, index))
            .OrderBy(x => x.d.Location.Path == request.Path ? 0 : 1)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.d.Location.Column)
            .ThenBy(x => x.index)
            .Select(x => x.d)
            .ToList();
        return (scenario, sorted);
    }
}
