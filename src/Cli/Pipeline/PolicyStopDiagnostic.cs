using System.Globalization;
using System.Text.RegularExpressions;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// The MEMS41nn diagnostic of a run a policy file stopped (outcome
/// policy_error), or of a run a trace file stopped (MEMS50nn, outcome
/// trace_error, at the trace's own line or record), read back from the run's message
/// (<c>file.cs:LINE:COL: error MEMS41nn: message</c>) so it is printed on
/// standard error with the other diagnostics, at the policy's own line.
/// </summary>
public static partial class PolicyStopDiagnostic
{
    public static Diagnostic? From(SimulationResult result)
    {
        if (result.Outcome is not (RunOutcome.PolicyError or RunOutcome.TraceError) || result.OutcomeMessage is null)
            return null;
        var m = Shape().Match(result.OutcomeMessage);
        if (!m.Success)
            return null;
        return new Diagnostic(m.Groups["id"].Value, DiagnosticSeverity.Error,
            new SourceLocation(m.Groups["path"].Value, int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture)),
            m.Groups["message"].Value);
    }

    [GeneratedRegex(@"^(?<path>.+):(?<line>\d+):(?<col>\d+): error (?<id>MEMS(41|50)\d\d): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex Shape();
}
