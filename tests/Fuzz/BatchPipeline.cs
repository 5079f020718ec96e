using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using MemScript.Cli.Pipeline;
using MemScript.Compiler;
using MemScript.Compiler.Roslyn;
using MemScript.Dsl.Diagnostics;
using Diagnostic = MemScript.Dsl.Diagnostics.Diagnostic;
using DiagnosticSeverity = MemScript.Dsl.Diagnostics.DiagnosticSeverity;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// The real pipeline for many scenarios at once: the front end as the tool
/// runs it (<see cref="Frontend.Emit"/>), then ONE Roslyn compilation of all
/// the generated classes (the compile is the slow part: one compilation of
/// 300 scenarios costs about what three cost one by one), then each scenario
/// through <see cref="Simulator.Run"/> and every report renderer. A scenario
/// whose generated C# does not compile is taken out and compiled alone through
/// <see cref="ScenarioCompiler"/>, so its own diagnostics (MEMS2001, MEMS9xxx)
/// come back as they would from <c>memscript run</c>.
/// </summary>
internal static class BatchPipeline
{
    public sealed record Input(string Path, string Text);

    /// <summary>One scenario's fate: front-end or compile diagnostics, or a run and its rendered reports.</summary>
    public sealed record Outcome(Input Input, IReadOnlyList<Diagnostic> Diagnostics, SimulationResult? Result, string? Crash)
    {
        public bool HasErrors => Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>The exit code <c>memscript run</c> would give (2 for errors or an internal error).</summary>
        public int ExitCode => Crash is not null || HasErrors || Result is null ? 2 : MemScript.Cli.ExitCodes.ForRun(Result);

        /// <summary>The diagnostics as the tool prints them.</summary>
        public string Printed()
        {
            var writer = new StringWriter();
            DiagnosticPrinter.Write(writer, Diagnostics);
            return writer.ToString();
        }
    }

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithConcurrentBuild(false);

    /// <summary>How long one simulation may take before it counts as a hang (the work limit stops any run long before on an idle machine).</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs every input; <paramref name="limits"/> are the host limits of each run (the tool's defaults when null).</summary>
    public static IReadOnlyList<Outcome> Run(IReadOnlyList<Input> inputs, HostLimits? limits = null)
    {
        var outcomes = new Outcome?[inputs.Count];
        var emitted = new List<(int Index, GeneratedSource Source)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            EmitResult result;
            try
            {
                result = Frontend.Emit(new CompileRequest(inputs[i].Path, inputs[i].Text));
            }
            catch (Exception e)
            {
                outcomes[i] = new Outcome(inputs[i], [], null, "front end threw " + e);
                continue;
            }

            if (!result.Success || result.Source is null)
                outcomes[i] = new Outcome(inputs[i], result.Diagnostics, null, null);
            else
                emitted.Add((i, result.Source));
        }

        var types = CompileTogether(emitted, inputs, outcomes);
        foreach (var (index, type) in types)
            outcomes[index] = RunOne(inputs[index], Create(type, emitted.First(e => e.Index == index).Source), limits);
        return outcomes.Select(static o => o!).ToList();
    }

    /// <summary>Creates the generated class as the compiler does: with its run-time data when its constructor takes them.</summary>
    private static IScenario Create(Type type, GeneratedSource source) =>
        (IScenario)(type.GetConstructor([typeof(ScenarioData)]) is { } withData
            ? withData.Invoke([source.Data ?? ScenarioData.Empty])
            : Activator.CreateInstance(type)!);

    /// <summary>Compiles every source in one assembly; a source with errors is compiled alone for its diagnostics and left out.</summary>
    private static List<(int Index, Type Type)> CompileTogether(List<(int Index, GeneratedSource Source)> emitted, IReadOnlyList<Input> inputs, Outcome?[] outcomes)
    {
        var pending = new List<(int Index, GeneratedSource Source)>(emitted);
        while (pending.Count > 0)
        {
            // The class is named by its code's hash: scenarios that lower to the same code share one tree.
            var trees = pending.Select(static (p, n) => CSharpSyntaxTree.ParseText(p.Source.Text, new CSharpParseOptions(LanguageVersion.Latest), path: $"generated{n}.cs", encoding: Encoding.UTF8)).ToList();
            var firstOfType = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 0; n < pending.Count; n++)
                firstOfType.TryAdd(pending[n].Source.TypeName, n);
            var compilation = CSharpCompilation.Create("MemScript.FuzzBatch" + pending[0].Index, firstOfType.Values.Select(n => trees[n]), ReferenceSet.References, Options);
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (result.Success)
            {
                var assembly = new AssemblyLoadContext("fuzz", isCollectible: true).LoadFromStream(new MemoryStream(image.ToArray()));
                return pending.Select(p => (p.Index, assembly.GetType(p.Source.TypeName, throwOnError: true)!)).ToList();
            }

            var broken = result.Diagnostics
                .Where(static d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Location.SourceTree is not null)
                .Select(d => trees.IndexOf((CSharpSyntaxTree)d.Location.SourceTree!))
                .Where(static n => n >= 0)
                .Distinct()
                .OrderByDescending(static n => n)
                .ToList();
            if (broken.Count == 0)
                broken = Enumerable.Range(0, pending.Count).Reverse().ToList(); // an error nowhere: take each alone
            foreach (var n in broken)
            {
                var (index, _) = pending[n];
                outcomes[index] = Alone(inputs[index]);
                pending.RemoveAt(n);
            }
        }

        return [];
    }

    /// <summary>The tool's own path for one scenario: its diagnostics, or its run.</summary>
    private static Outcome Alone(Input input)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(input.Path, input.Text), CompileOptions.NoCache);
        return compiled.Scenario is null
            ? new Outcome(input, compiled.Diagnostics, null, null)
            : RunOne(input, compiled.Scenario) with { Diagnostics = compiled.Diagnostics };
    }

    /// <summary>Runs the scenario again to catch where the internal error was thrown (the simulator keeps only its message).</summary>
    private static string WhereItThrew(IScenario scenario, string? message)
    {
        string? trace = null;
        void Catch(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (message is not null && message.StartsWith(e.Exception.GetType().Name + ": " + e.Exception.Message, StringComparison.Ordinal))
                trace ??= new System.Diagnostics.StackTrace(1, fNeedFileInfo: true).ToString();
        }

        AppDomain.CurrentDomain.FirstChanceException += Catch;
        try
        {
            Simulator.Run(scenario);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Catch;
        }

        return trace is null ? "" : string.Join('\n', trace.Split('\n').Take(14));
    }

    private static Outcome RunOne(Input input, IScenario scenario, HostLimits? limits = null)
    {
        try
        {
            var run = Task.Run(() => Simulator.Run(scenario, limits ?? HostLimits.Default));
            if (!run.Wait(RunTimeout))
                return new Outcome(input, [], null, $"did not finish in {RunTimeout.TotalSeconds} s");
            var result = run.Result;
            if (result.Outcome == RunOutcome.InternalError)
                return new Outcome(input, [], result, $"run ended InternalError: {result.OutcomeMessage}\n{WhereItThrew(scenario, result.OutcomeMessage)}");
            foreach (var format in (ReportFormat[])[ReportFormat.Text, ReportFormat.Json, ReportFormat.Md, ReportFormat.Html])
                ReportRenderer.Render(result, format);
            return new Outcome(input, [], result, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(input, [], null, "threw " + e);
        }
    }
}
