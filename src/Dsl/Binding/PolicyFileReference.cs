using MemScript.Dsl.Text;

namespace MemScript.Dsl.Binding;

/// <summary>
/// A policy written in C# that the machine names (<c>reclaim "x.cs"</c>,
/// <c>oom "x.cs"</c>, or <c>--set reclaim=x.cs</c>): its role, the path as
/// written, and where it was written. A path from the machine block is
/// relative to the .mems file's folder; one from <c>--set</c>
/// (<see cref="FromOverride"/>) to the current folder. The compiler reads,
/// analyzes and compiles the file; the checker only records it.
/// </summary>
public sealed record PolicyFileReference(string Role, string Path, bool FromOverride, SourceText Source, TextSpan Span);
