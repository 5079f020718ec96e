using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Compiler;

/// <summary>
/// What compiling a scenario gave: a ready instance of the generated class,
/// or the diagnostics that stopped it (front end, generated code, internal).
/// <see cref="Source"/> is the generated C# when the front end got that far;
/// <see cref="FromCache"/> says the assembly came from the cache, not Roslyn.
/// </summary>
public sealed record CompileResult(
    IScenario? Scenario,
    IReadOnlyList<Diagnostic> Diagnostics,
    GeneratedSource? Source,
    bool FromCache)
{
    public bool Success => Scenario is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
