using System.Text;
using MemScript.Cli.Pipeline;
using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Cli.Compare;

/// <summary>
/// Runs one scenario both ways through the whole pipeline and compares the
/// two results as data: their figures, where they part
/// (<see cref="DivergenceFinder"/>), and which expectations flipped. The
/// scenario is read once. A side that cannot run (errors with its settings,
/// an internal error) makes the scenario one that could not be compared.
/// </summary>
public static class ScenarioComparer
{
    public static ScenarioComparison Compare(string displayPath, string reportPath, string fullPath, CompareSides sides, CompileOptions options)
    {
        var (text, readError) = ScenarioFile.Read(fullPath, reportPath);
        if (text is null)
            return ScenarioComparison.Failed(displayPath, "cannot read the scenario", readError + "\n");

        var baseRun = ScenarioPipeline.Run(reportPath, text, sides.BaseOverrides, options);
        var candidate = ScenarioPipeline.Run(reportPath, text, sides.CandidateOverrides, options);
        var diagnostics = new StringBuilder();
        foreach (var (run, label) in (ReadOnlySpan<(ScenarioRun, string)>)[(baseRun, "base"), (candidate, "candidate")])
        {
            if (run.HasErrors || run.Result is null)
            {
                foreach (var diagnostic in DiagnosticPrinter.Sorted(run.Diagnostics))
                    diagnostics.Append(diagnostic).Append('\n');
                return ScenarioComparison.Failed(displayPath, $"the {label} run has errors", diagnostics.ToString());
            }

            if (run.Result.Outcome == RunOutcome.InternalError)
                return ScenarioComparison.Failed(displayPath, $"the {label} run ended in an internal error: {run.Result.OutcomeMessage}", null);
        }

        var a = baseRun.Result!;
        var b = candidate.Result!;
        return new ScenarioComparison(displayPath, RunFigures.Of(a), RunFigures.Of(b), DivergenceFinder.Find(a, b), FlippedExpectations(a, b))
        {
            BaseTables = a.ReferenceTables,
            CandidateTables = b.ReferenceTables,
        };
    }

    /// <summary>Expect lines that held (every check of them) in one run and not in the other.</summary>
    public static int FlippedExpectations(SimulationResult a, SimulationResult b)
    {
        var held = Held(a);
        var flipped = 0;
        foreach (var (site, ok) in Held(b))
        {
            if (held.TryGetValue(site, out var before) && before != ok)
                flipped++;
        }

        return flipped;
    }

    private static Dictionary<(int, int), bool> Held(SimulationResult result)
    {
        var held = new Dictionary<(int, int), bool>();
        foreach (var e in result.Expectations)
        {
            var site = (e.Site.Line, e.Site.Column);
            held[site] = held.GetValueOrDefault(site, true) && e.Passed;
        }

        return held;
    }
}
