using MemScript.Dsl.Syntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// A scenario that passed the checker: its tree, the page size after the
/// machine block and the overrides (what <c>pages</c> means), and the machine
/// settings to apply in order.
/// </summary>
public sealed record CheckedScenario(ScenarioSyntax Syntax, ulong PageSize, IReadOnlyList<MachineAssignment> Machine);
