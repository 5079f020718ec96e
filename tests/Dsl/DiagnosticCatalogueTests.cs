using MemScript.Dsl.Binding;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Parsing;

namespace MemScript.Tests.Dsl;

public class DiagnosticCatalogueTests
{
    private static string FindDoc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "diagnostics.md")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "docs", "diagnostics.md");
    }

    private static IEnumerable<DiagnosticDescriptor> Catalogue() => SyntaxErrors.All.Concat(SemanticErrors.All);

    [Fact]
    public void Doc_ListsExactlyTheCatalogues_ForTheFrontEndRanges()
    {
        var rows = File.ReadAllLines(FindDoc())
            .Where(l => l.StartsWith("| MEMS", StringComparison.Ordinal))
            .Select(l => l.Split(" | ").Select(c => c.Trim('|', ' ').Replace("\\|", "|", StringComparison.Ordinal)).ToArray())
            .Where(c => string.CompareOrdinal(c[0], "MEMS2000") < 0)
            .Select(c => $"{c[0]} {c[1]} {c[2]}")
            .ToList();
        var code = Catalogue()
            .Select(d => $"{d.Id} {(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")} {d.FormatMessage(Enumerable.Range(0, 6).Select(i => (object)("{" + i + "}")).ToArray())}")
            .ToList();
        Assert.Equal(code, rows);
    }

    [Fact]
    public void Ids_AreUniqueAndInTheirRanges()
    {
        Assert.Equal(Catalogue().Count(), Catalogue().Select(d => d.Id).Distinct().Count());
        Assert.All(SyntaxErrors.All, d => Assert.InRange(string.CompareOrdinal(d.Id, "MEMS0001"), 0, int.MaxValue));
        Assert.All(SyntaxErrors.All, d => Assert.True(string.CompareOrdinal(d.Id, "MEMS1000") < 0, d.Id));
        Assert.All(SemanticErrors.All, d => Assert.True(string.CompareOrdinal(d.Id, "MEMS1000") >= 0 && string.CompareOrdinal(d.Id, "MEMS2000") < 0, d.Id));
    }

    [Fact]
    public void AllLists_HoldEveryDescriptorField()
    {
        foreach (var type in new[] { typeof(SyntaxErrors), typeof(SemanticErrors) })
        {
            var fields = type.GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => f.GetValue(null)).ToHashSet();
            var all = (IReadOnlyList<DiagnosticDescriptor>)type.GetProperty("All")!.GetValue(null)!;
            Assert.Equal(fields.Count, all.Count);
            Assert.All(all, d => Assert.Contains(d, fields));
        }
    }
}
