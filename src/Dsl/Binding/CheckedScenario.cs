using MemScript.Dsl.Syntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// A scenario that passed the checker: its tree, the page size after the
/// machine block and the overrides (what <c>pages</c> means), and the machine
/// settings to apply in order, and the policy files (C#) the machine names.
/// </summary>
public sealed record CheckedScenario(ScenarioSyntax Syntax, ulong PageSize, IReadOnlyList<MachineAssignment> Machine)
{
    /// <summary>The policy files in force (the last <c>reclaim</c> and <c>oom</c> setting of each, when it names a file).</summary>
    public IReadOnlyList<PolicyFileReference> PolicyFiles { get; init; } = [];
}
