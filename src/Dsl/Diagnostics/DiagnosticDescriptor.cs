using System.Globalization;

namespace MemScript.Dsl.Diagnostics;

/// <summary>
/// One entry of a diagnostic catalogue: an id that is never reused, a
/// severity, a message format (<c>{0}</c> placeholders, formatted with the
/// invariant culture) and a short example of input that triggers it. The
/// catalogues (<c>SyntaxErrors</c>, <c>SemanticErrors</c>) are lists of these
/// and docs/diagnostics.md is checked against them by a test.
/// </summary>
public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Format, string Example)
{
    public string FormatMessage(params object[] args) => string.Format(CultureInfo.InvariantCulture, Format, args);
}
