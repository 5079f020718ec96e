using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

public sealed class ScenarioCompilerTests
{
    [Fact]
    public void CompileGenerated_GivesWorkingScenario_WhenSourceIsValid()
    {
        var result = ScenarioCompiler.CompileGenerated(GeneratedSamples.Notes("hello"), GeneratedSamples.MemsPath, CompileOptions.NoCache);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.False(result.FromCache);
        var builder = new ScenarioBuilder();
        result.Scenario!.Build(builder);
        var note = Assert.IsType<Declaration.Note>(Assert.Single(builder.Declarations));
        Assert.Equal("hello", note.Text);
        Assert.Equal(GeneratedSamples.MemsPath, result.Scenario.SourcePath);
    }

    [Fact]
    public void CompileGenerated_ReportsMems2001AtMemsLine_WhenErrorIsOnMappedLine()
    {
        var source = GeneratedSamples.Notes("x", mappedStatement: "b.Note(S3, undefinedName);");

        var result = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, CompileOptions.NoCache);

        Assert.Null(result.Scenario);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MEMS2001", error.Id);
        Assert.Equal(GeneratedSamples.MemsPath, error.Location.Path);
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("CS0103", error.Message);
        Assert.Contains("undefinedName", error.Message);
    }

    [Fact]
    public void CompileGenerated_ReportsMems2001AtMemsColumn_WhenDirectiveGivesTheStatementSpan()
    {
        var source = GeneratedSamples.Notes(
            "x",
            mappedStatement: "b.Note(S3, undefinedName);",
            lineDirective: $"#line (3, 7) - (3, 20) 13 \"{GeneratedSamples.MemsPath}\"");

        var result = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, CompileOptions.NoCache);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("MEMS2001", 3, 7), (error.Id, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void CompileGenerated_ReportsMems9001NamingGeneratedLine_WhenErrorIsInHiddenCode()
    {
        var source = GeneratedSamples.Notes("x", hiddenStatement: "int broken = \"text\";");

        var result = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, CompileOptions.NoCache);

        Assert.Null(result.Scenario);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MEMS9001", error.Id);
        Assert.Contains($"generated line {GeneratedSamples.HiddenStatementLine(source)} ", error.Message);
        Assert.Contains("CS0029", error.Message);
    }

    [Fact]
    public void CompileGenerated_ReportsMems9002_WhenTypeNameIsWrong()
    {
        var source = GeneratedSamples.Notes("x") with { TypeName = "MemScript.Generated.Missing" };

        var result = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, CompileOptions.NoCache);

        Assert.Equal("MEMS9002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void CompileGenerated_ReportsMems9002_WhenScenarioConstructorThrows()
    {
        var source = new GeneratedSource("MemScript.Generated.Throwing", """
            namespace MemScript.Generated
            {
                public sealed class Throwing : global::MemScript.Runtime.IScenario
                {
                    public Throwing() => throw new global::System.InvalidOperationException("boom");
                    public string SourcePath => "t.mems";
                    public void Build(global::MemScript.Runtime.ScenarioBuilder b) { }
                }
            }
            """);

        var result = ScenarioCompiler.CompileGenerated(source, "t.mems", CompileOptions.NoCache);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MEMS9002", error.Id);
        Assert.Contains("boom", error.Message);
    }

    [Fact]
    public void CompileGenerated_SecondCompileIsFromCacheAndWorks_WhenSourceIsUnchanged()
    {
        using var folder = new TemporaryFolder();
        var options = new CompileOptions(UseCache: true, CacheDirectory: folder.Path);
        var source = GeneratedSamples.Notes("cached once");

        var first = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, options);
        var second = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, options);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        var builder = new ScenarioBuilder();
        second.Scenario!.Build(builder);
        Assert.Equal("cached once", Assert.IsType<Declaration.Note>(Assert.Single(builder.Declarations)).Text);
    }

    [Fact]
    public void CompileGenerated_MissesCache_WhenSourceDiffers()
    {
        using var folder = new TemporaryFolder();
        var options = new CompileOptions(UseCache: true, CacheDirectory: folder.Path);

        ScenarioCompiler.CompileGenerated(GeneratedSamples.Notes("one"), GeneratedSamples.MemsPath, options);
        var other = ScenarioCompiler.CompileGenerated(GeneratedSamples.Notes("two"), GeneratedSamples.MemsPath, options);

        Assert.False(other.FromCache);
        Assert.Equal(2, Directory.GetFiles(folder.Path, "*.entry").Length);
    }

    [Fact]
    public void CompileGenerated_RecompilesAndRewrites_WhenCacheEntryIsCorrupt()
    {
        using var folder = new TemporaryFolder();
        var options = new CompileOptions(UseCache: true, CacheDirectory: folder.Path);
        var source = GeneratedSamples.Notes("repaired");
        ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, options);
        var entry = Assert.Single(Directory.GetFiles(folder.Path, "*.entry"));
        var good = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, [0x4d, 0x5a, 0x00, 0x01, 0x02]);

        var again = ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, options);

        Assert.True(again.Success);
        Assert.False(again.FromCache);
        Assert.Equal("MEMS9010", Assert.Single(again.Diagnostics).Id);
        Assert.Equal(good, File.ReadAllBytes(entry));
        Assert.True(ScenarioCompiler.CompileGenerated(source, GeneratedSamples.MemsPath, options).FromCache);
    }

    [Fact]
    public void CompileGenerated_WritesNothing_WhenCacheIsOff()
    {
        using var folder = new TemporaryFolder();
        var options = new CompileOptions(UseCache: false, CacheDirectory: folder.Path);

        ScenarioCompiler.CompileGenerated(GeneratedSamples.Notes("x"), GeneratedSamples.MemsPath, options);

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
