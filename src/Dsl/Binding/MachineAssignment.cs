using MemScript.Dsl.Text;

namespace MemScript.Dsl.Binding;

/// <summary>
/// One checked machine setting, ready to lower: the MachineSettings property
/// it sets and the value (ulong, int, long, bool, string, or an
/// <see cref="EnumValue"/>), with where it was written. Overrides come from
/// the <c>--set</c> source and follow the machine block.
/// </summary>
public sealed record MachineAssignment(string Property, object Value, SourceText Source, TextSpan Span);
