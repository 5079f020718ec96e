namespace MemScript.Compiler;

/// <summary>
/// The C# generated for a scenario: one class implementing
/// <c>global::MemScript.Runtime.IScenario</c>, named <see cref="TypeName"/>
/// (fully qualified, without <c>global::</c>), with <c>#line</c> directives
/// back to the .mems file.
/// </summary>
public sealed record GeneratedSource(string TypeName, string Text);
