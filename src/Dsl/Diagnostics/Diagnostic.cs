namespace MemScript.Dsl.Diagnostics;

/// <summary>
/// A problem found in a scenario, as data: an id (<c>MEMS0101</c>), a severity,
/// where it is and what it says. Rendered as compilers do:
/// <c>path:line:col: error MEMS0101: message</c>.
/// </summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    public override string ToString() =>
        $"{Location.Path}:{Location.Line}:{Location.Column}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Id}: {Message}";
}

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
