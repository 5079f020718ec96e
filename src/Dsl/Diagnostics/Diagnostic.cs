using MemScript.Dsl.Text;

namespace MemScript.Dsl.Diagnostics;

/// <summary>
/// A problem found in a scenario, as data: an id (<c>MEMS0101</c>), a severity,
/// where it is and what it says. Rendered as compilers do:
/// <c>path:line:col: error MEMS0101: message</c>, always one line: the path
/// and message are escaped with <see cref="OneLine"/>, since both may carry
/// text from the input (a note, a file name, a key).
/// </summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    public override string ToString() =>
        $"{OneLine.Escape(Location.Path)}:{Location.Line}:{Location.Column}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Id}: {OneLine.Escape(Message)}";
}

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
