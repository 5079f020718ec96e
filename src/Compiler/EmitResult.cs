using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler;

/// <summary>The result of checking and lowering a scenario: the source, or the diagnostics that stopped it.</summary>
public sealed record EmitResult(GeneratedSource? Source, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Source is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The policy files (C#) the machine names, for the compiler to build beside the scenario.</summary>
    public IReadOnlyList<Dsl.Binding.PolicyFileReference> PolicyFiles { get; init; } = [];
}
