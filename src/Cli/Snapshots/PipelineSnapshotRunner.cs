using System.Text;
using MemScript.Cli.Pipeline;
using MemScript.Compiler;
using MemScript.Dsl.Text;
using MemScript.Runtime.Reporting;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// The harness's real runner: the whole pipeline, then the TEXT report. A
/// scenario that cannot be read or has errors is no snapshot: its
/// diagnostics come back as <see cref="ScenarioOutput.Errors"/> for the
/// harness to print. A failed expectation makes the run fail; failed and
/// unreached expectations also come back as diagnostics (MEMS4001/4002) for standard error,
/// after the warnings of the run (such as MEMS9010, a cache entry rebuilt).
/// </summary>
public static class PipelineSnapshotRunner
{
    /// <summary>The runner; <paramref name="limits"/> are each run's host limits (<c>--max-memory</c>, <c>--max-time</c>).</summary>
    public static SnapshotRunner Create(IReadOnlyList<string> overrides, CompileOptions options, MemScript.Runtime.HostLimits? limits = null) =>
        (displayPath, fullPath) => Run(displayPath, fullPath, overrides, options, limits);

    private static ScenarioOutput Run(string displayPath, string fullPath, IReadOnlyList<string> overrides, CompileOptions options, MemScript.Runtime.HostLimits? limits)
    {
        var (text, readError) = ScenarioFile.Read(fullPath, displayPath);
        if (text is null)
            return ScenarioOutput.Errors(readError + "\n", "cannot read the scenario");

        var run = ScenarioPipeline.Run(displayPath, text, overrides, options, limits);
        if (run.HasErrors || run.Result is null)
        {
            return ScenarioOutput.Errors(DiagnosticPrinter.Render(run.Diagnostics, new SourceText(displayPath, text)), "the scenario has errors");
        }

        var report = ReportRenderer.Render(run.Result, ReportFormat.Text);
        var source = new SourceText(displayPath, text);
        var expectations = new StringBuilder();
        // Warnings of a run that ran (a rebuilt cache entry, say) come first, as `memscript run` prints them.
        expectations.Append(DiagnosticPrinter.Render(run.Diagnostics, source));
        expectations.Append(DiagnosticPrinter.Render(ExpectationDiagnostics.For(run.Result), source));
        var output = run.Result.Passed
            ? new ScenarioOutput(report, Passed: true)
            : new ScenarioOutput(report, Passed: false, FailureNote(run.Result));
        return output with { RunDiagnostics = expectations.Length > 0 ? expectations.ToString() : null };
    }

    private static string FailureNote(MemScript.Runtime.SimulationResult result)
    {
        if (result.Outcome is not (MemScript.Runtime.RunOutcome.Completed or MemScript.Runtime.RunOutcome.KernelPanic))
            return $"run ended {result.Outcome}: {result.OutcomeMessage}";
        var failedExpectations = result.Expectations.Count(e => e.Status == MemScript.Runtime.ExpectationStatus.Failed);
        var unreached = result.Expectations.Count(e => e.Status == MemScript.Runtime.ExpectationStatus.NotReached);
        var expectations = unreached > 0 ? $"{failedExpectations} expectation(s) failed, {unreached} not reached" : $"{failedExpectations} expectation(s) failed";
        var failedChecks = result.SelfChecks.Count(c => !c.Ok);
        return failedChecks > 0
            ? $"{expectations}, {failedChecks} self-check(s) failed"
            : expectations;
    }
}
