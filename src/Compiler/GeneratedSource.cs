using MemScript.Runtime;

namespace MemScript.Compiler;

/// <summary>
/// The C# generated for a scenario: one class implementing
/// <c>global::MemScript.Runtime.IScenario</c>, named <see cref="TypeName"/>
/// (fully qualified, without <c>global::</c>), with <c>#line</c> directives
/// back to the .mems file, and the run-time <see cref="Data"/> its
/// constructor takes (the statement sites, long strings, long page lists).
/// A class with a parameterless constructor takes no data.
/// </summary>
public sealed record GeneratedSource(string TypeName, string Text, ScenarioData? Data = null);
