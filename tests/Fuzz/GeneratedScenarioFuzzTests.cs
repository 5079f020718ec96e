using System.Text;
using MemScript.Runtime;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Random valid scenarios (<see cref="ScenarioGenerator"/>) through the real
/// pipeline: each must pass the front end, compile, run to a report (exit 0
/// or 1) with no internal error, no work-limit stop and every self-check
/// intact (frames conserved, content stamps). A failure prints the seed and
/// the scenario, which is the regression input.
/// </summary>
public sealed class GeneratedScenarioFuzzTests
{
    private const int SuiteCount = 240;
    private const int SuiteFirstSeed = 1;
    private const int BatchSize = 120;

    [Fact]
    public void GeneratedScenarios_RunToAReport_WithSelfChecksIntact()
    {
        var first = FuzzSettings.FirstSeed(SuiteFirstSeed);
        var count = FuzzSettings.Count(SuiteCount);
        var failures = new StringBuilder();
        var failed = 0;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var batchStart = first; batchStart < first + count; batchStart += BatchSize)
        {
            var inputs = Enumerable.Range(batchStart, Math.Min(BatchSize, first + count - batchStart))
                .Select(static seed => new BatchPipeline.Input($"fuzz/gen_{seed}.mems", new ScenarioGenerator(seed).Generate()))
                .ToList();
            foreach (var outcome in BatchPipeline.Run(inputs))
            {
                Statistics.Count(outcome);
                if (Problem(outcome) is not { } problem)
                    continue;
                failed++;
                kinds[Kind(problem)] = kinds.GetValueOrDefault(Kind(problem)) + 1;
                if (failed <= 5)
                {
                    var text = Minimizer.Enabled ? Minimizer.Shrink(outcome.Input.Path, outcome.Input.Text, Problem, Kind(problem)) : outcome.Input.Text;
                    failures.Append("--- ").Append(outcome.Input.Path).Append(": ").Append(problem).Append('\n').Append(text).Append('\n');
                }
            }
        }

        Statistics.Print();
        Assert.True(failed == 0, $"{failed} of {count} generated scenarios failed:\n{string.Join("\n", kinds.Select(static k => $"{k.Value} x {k.Key}"))}\n{failures}");
    }

    /// <summary>A failure without its position and figures, to count alike failures together.</summary>
    internal static string Kind(string problem)
    {
        var line = problem.Split('\n').FirstOrDefault(static l => l.Contains("MEMS", StringComparison.Ordinal)) ?? problem.Split('\n')[0];
        var at = line.IndexOf(": error ", StringComparison.Ordinal);
        line = at >= 0 ? line[(at + 2)..] : line;
        return System.Text.RegularExpressions.Regex.Replace(line.Length > 160 ? line[..160] : line, @"\d+", "N");
    }

    /// <summary>What is wrong with one run, or null.</summary>
    internal static string? Problem(BatchPipeline.Outcome outcome)
    {
        if (outcome.Crash is not null)
            return outcome.Crash;
        if (outcome.HasErrors || outcome.Result is null)
            return "not accepted:\n" + outcome.Printed();
        var result = outcome.Result;
        if (result.Outcome is not (RunOutcome.Completed or RunOutcome.KernelPanic))
            return $"run ended {result.Outcome}: {result.OutcomeMessage}";
        if (result.SelfChecks.FirstOrDefault(static c => !c.Ok) is { } check)
            return $"self-check '{check.Name}' failed: {check.Detail}";
        return outcome.ExitCode is 0 or 1 ? null : $"exit {outcome.ExitCode}";
    }
}
