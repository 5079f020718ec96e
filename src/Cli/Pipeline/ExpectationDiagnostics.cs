using System.Globalization;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// A run's failed and unreached expectations as diagnostics at their
/// <c>expect</c> lines, so editors and CI logs can jump to them:
/// <c>lazy.mems:7:3: error MEMS4001: expected p.minflt >= 1000, got 17</c> and
/// <c>lazy.mems:9:3: error MEMS4002: expect p alive was not reached: p (pid 100) exited at 0.027 ms (line 8)</c>.
/// A line that failed several times (a <c>repeat</c>, forked children) gives
/// one diagnostic, its first failure, saying how many failed. The report
/// itself is unchanged; these go to standard error with the other diagnostics.
/// </summary>
public static class ExpectationDiagnostics
{
    public static readonly DiagnosticDescriptor Failed =
        new("MEMS4001", DiagnosticSeverity.Error, "expected {0}, got {1}{2}", "`expect p.minflt == 1` when p took 17 faults");

    public static readonly DiagnosticDescriptor NotReached =
        new("MEMS4002", DiagnosticSeverity.Error, "expect {0} was not reached: {1}", "`exit; expect p alive`");

    public static IReadOnlyList<Diagnostic> For(SimulationResult result)
    {
        var failures = new Dictionary<(int Line, int Column), (ExpectationResult First, int Count)>();
        var order = new List<(int Line, int Column)>();
        var diagnostics = new List<Diagnostic>();
        if (PolicyStopDiagnostic.From(result) is { } policyStop)
            diagnostics.Add(policyStop);
        foreach (var e in result.Expectations)
        {
            switch (e.Status)
            {
                case ExpectationStatus.Failed:
                    var key = (e.Site.Line, e.Site.Column);
                    if (failures.TryGetValue(key, out var seen))
                        failures[key] = (seen.First, seen.Count + 1);
                    else
                    {
                        failures[key] = (e, 1);
                        order.Add(key);
                    }
                    break;
                case ExpectationStatus.NotReached:
                    diagnostics.Add(At(result, e, NotReached.FormatMessage(e.Text, e.NotReachedBecause ?? "")));
                    break;
            }
        }
        foreach (var key in order)
        {
            var (first, count) = failures[key];
            var more = count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (first of {count} failed checks)") : "";
            diagnostics.Add(At(result, first, Failed.FormatMessage(first.Text, first.Actual, more)));
        }
        return DiagnosticPrinter.Sorted(diagnostics);
    }

    private static Diagnostic At(SimulationResult result, ExpectationResult e, string message) =>
        new(e.Status == ExpectationStatus.NotReached ? NotReached.Id : Failed.Id, DiagnosticSeverity.Error,
            new SourceLocation(result.SourcePath, Math.Max(1, e.Site.Line), Math.Max(1, e.Site.Column)), message);
}
