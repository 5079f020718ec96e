using System.Text.RegularExpressions;
using MemScript.Analyzers;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Policies;

/// <summary>docs/diagnostics.md lists exactly the analyzers' MEMS3xxx ids, with their severity and message shape.</summary>
public sealed partial class PolicyDiagnosticsDocTests
{
    [GeneratedRegex(@"^\| (MEMS3\d{3}) \| (error|warning) \| (.*?) \| ", RegexOptions.Multiline)]
    private static partial Regex Row();

    [Fact]
    public void DiagnosticsDoc_ListsExactlyTheAnalyzerCatalogue()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md"));
        var documented = Row().Matches(doc).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}").ToList();
        var catalogue = typeof(PolicyDiagnostics).GetFields()
            .Select(f => (Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"{d.Id} {(d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? "error" : "warning")} {d.MessageFormat}")
            .ToList();

        Assert.Equal(catalogue, documented);
    }
}
