namespace MemScript.Compiler;

/// <summary>
/// A scenario to check, emit or compile: its path (as given on the command
/// line; used in diagnostics and <c>#line</c> directives), its text, and the
/// <c>--set KEY=VALUE</c> machine overrides, applied after the machine block.
/// </summary>
public sealed record CompileRequest(string Path, string Text, IReadOnlyList<string> Overrides)
{
    public CompileRequest(string path, string text) : this(path, text, Array.Empty<string>()) { }
}
