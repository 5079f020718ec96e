using MemScript.Compiler;

namespace MemScript.Tests.Corpus;

/// <summary>Every scenario of the corpus is a valid program: no diagnostics at all.</summary>
public class ScenarioFrontendTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Scenarios, "*.mems", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_ChecksWithoutDiagnostics(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath));
        var diagnostics = Frontend.Check(new CompileRequest(relativePath, text));
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }
}
