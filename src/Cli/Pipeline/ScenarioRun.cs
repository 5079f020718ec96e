using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// One scenario taken through the whole pipeline: the diagnostics (front end,
/// generated code) and, when it compiled, what the simulation produced.
/// </summary>
public sealed record ScenarioRun(IReadOnlyList<Diagnostic> Diagnostics, SimulationResult? Result)
{
    public bool HasErrors => Result is null || DiagnosticPrinter.HasErrors(Diagnostics);
}
