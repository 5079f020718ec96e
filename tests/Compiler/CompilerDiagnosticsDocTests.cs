using System.Text.RegularExpressions;
using MemScript.Compiler.Roslyn;

namespace MemScript.Tests.Compiler;

/// <summary>docs/diagnostics.md and the compiler's catalogue list the same MEMS2xxx and MEMS9xxx ids.</summary>
public sealed partial class CompilerDiagnosticsDocTests
{
    private const string Heading = "## MEMS2xxx and MEMS9xxx: generated code and internal errors";

    [GeneratedRegex(@"^\|\s*(MEMS[29]\d{3})\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRowId();

    [Fact]
    public void DiagnosticsDoc_ListsExactlyTheCompilerIds()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md"));
        var section = doc[(doc.IndexOf(Heading, StringComparison.Ordinal) + Heading.Length)..];
        var nextHeading = section.IndexOf("\n## ", StringComparison.Ordinal);
        if (nextHeading >= 0)
            section = section[..nextHeading];

        var documented = TableRowId().Matches(section).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(CompilerErrors.AllIds.Concat(CacheWarnings.AllIds).Order(StringComparer.Ordinal), documented);
    }
}
