using System.Text.RegularExpressions;
using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Tests.Dsl;

namespace MemScript.Tests.Emit;

public class EmitterTests
{
    private static GeneratedSource EmitOk(string text, string path = "sample.mems", params string[] overrides)
    {
        var result = Frontend.Emit(new CompileRequest(path, text, overrides));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Source!;
    }

    private static IScenario Instantiate(GeneratedSource source)
    {
        var (assembly, diagnostics) = RoslynHarness.Compile(source.Text);
        Assert.True(assembly is not null && diagnostics.Count == 0, string.Join("\n", diagnostics) + "\n" + source.Text);
        return (IScenario)Activator.CreateInstance(assembly!.GetType(source.TypeName, throwOnError: true)!, source.Data)!;
    }

    [Theory]
    [InlineData(Samples.LanguageExample)]
    [InlineData(Samples.Everything)]
    public void Sample_CompilesWithRoslynWithoutWarnings_WhenEmitted(string text)
    {
        var scenario = Instantiate(EmitOk(text));
        var builder = new ScenarioBuilder();
        scenario.Build(builder);
        Assert.NotEmpty(builder.Declarations);
        Assert.Equal("sample.mems", scenario.SourcePath);
    }

    [Fact]
    public void LanguageExample_DeclaresMachineShmProcessesEventsAndExpects_InFileOrder()
    {
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk(Samples.LanguageExample)).Build(builder);

        Assert.Equal(64UL << 20, builder.Machine.Ram);
        Assert.Equal(0UL, builder.Machine.Swap);
        var kinds = builder.Declarations.Select(d => d.GetType().Name).ToArray();
        Assert.Equal(new[] { "Shm", "Process", "Process", "At", "Expect", "Expect", "ExpectIn" }, kinds);
        var inBody = Assert.IsType<Declaration.ExpectIn>(builder.Declarations[6]);
        Assert.Equal(("web", 1L), (inBody.Owner, inBody.Checks));
        var web = Assert.IsType<Declaration.Process>(builder.Declarations[1]);
        Assert.Equal("web", web.Name);
        Assert.Equal(-500, web.Options.OomScoreAdj);
        Assert.Equal(5, web.Site.Line);
        var at = Assert.IsType<Declaration.At>(builder.Declarations[3]);
        Assert.Equal(500_000_000L, at.TimeNs);
        var killed = Assert.IsType<Declaration.Expect>(builder.Declarations[4]);
        Assert.Equal(new Expectation.State("batch killed", "batch", ProcessState.Killed), killed.Expectation);
    }

    [Fact]
    public void GeneratedSource_HasLineDirective_ForEveryStatement()
    {
        var text = Samples.LanguageExample;
        var source = EmitOk(text).ReadableText;
        var lines = Regex.Matches(source, "^#line \\((\\d+), \\d+\\) - \\(\\d+, \\d+\\) \\d+ \"sample.mems\"$", RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        // Every line of the example holding a statement or setting.
        int[] expected = { 2, 3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 20, 21, 22 };
        Assert.All(expected, line => Assert.Contains(line, lines));
        Assert.Contains("#line hidden", source);
    }

    [Fact]
    public void Emit_IsByteForByteDeterministic()
    {
        Assert.Equal(EmitOk(Samples.Everything).Text, EmitOk(Samples.Everything).Text);
    }

    [Fact]
    public void HostileStrings_AreEscaped_AndRoundTrip()
    {
        const string evil = "\"; System.Environment.Exit(1); //";
        var text = "note \"\\\"; System.Environment.Exit(1); //\"\n"
                   + "file \"\\\"; System.Environment.Exit(1); //\" size 4K\n"
                   + "process p (user \"\\\"); }\", command \"\\\\\") { x = mmap file \"\\\"; System.Environment.Exit(1); //\" }\n";
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk(text, "we\"ird\\ path\u2028.mems")).Build(builder);

        Assert.Equal(evil, Assert.IsType<Declaration.Note>(builder.Declarations[0]).Text);
        Assert.Equal(evil, Assert.IsType<Declaration.File>(builder.Declarations[1]).Name);
        var process = Assert.IsType<Declaration.Process>(builder.Declarations[2]);
        Assert.Equal("\"); }", process.Options.User);
        Assert.Equal("\\", process.Options.Command);
    }

    [Fact]
    public void CompiledCode_NamesNoPath_AndEmitShowsTheScenariosOwn()
    {
        const string text = "process p {\n  a = malloc 4K\n  touch a\n}\n";
        var here = EmitOk(text, "dir/my-scenario 1.mems");
        var there = EmitOk(text, "/elsewhere/other.mems");
        var other = EmitOk(text + "note \"x\"\n", "dir/my-scenario 1.mems");

        Assert.Equal(here.Text, there.Text);
        Assert.Equal(here.TypeName, there.TypeName);
        Assert.NotEqual(here.TypeName, other.TypeName);
        Assert.Matches("^MemScript\\.Generated\\.Scenario_[0-9a-f]{16}$", here.TypeName);
        Assert.DoesNotContain("my-scenario", here.Text);
        Assert.Contains("#line (3, 3) - (3, 10) 13 \"scenario.mems\"", here.Text);
        Assert.Contains("#line (3, 3) - (3, 10) 13 \"dir/my-scenario 1.mems\"", here.ReadableText);
        Assert.StartsWith("// <auto-generated/>\n// Generated by MemScript from my-scenario 1.mems. Do not edit.\n", here.ReadableText);
        // emit differs from the compiled code only in the file name.
        Assert.Equal(here.Text, here.ReadableText.Replace("\"dir/my-scenario 1.mems\"", "\"scenario.mems\"").Replace("from my-scenario 1.mems.", "from scenario.mems."));
    }

    [Fact]
    public void Pages_UseThePageSize_WhenItIsGivenAndOverridden()
    {
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk("machine { page_size 4K }\nshm \"k\" size 2 pages", "p.mems", "page_size=4K")).Build(builder);
        Assert.Equal(4096UL, builder.Machine.PageSize);
        Assert.Equal(2UL * 4096, Assert.IsType<Declaration.Shm>(builder.Declarations[0]).Size);
    }

    [Fact]
    public void OomAdj_SetsBothValues_WithTheKernelConversion()
    {
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk("process p (oom_adj 8) { }\nprocess q (oom_adj -17) { }")).Build(builder);
        var p = Assert.IsType<Declaration.Process>(builder.Declarations[0]).Options;
        var q = Assert.IsType<Declaration.Process>(builder.Declarations[1]).Options;
        Assert.Equal((8, 470), (p.OomAdj!.Value, p.OomScoreAdj));
        Assert.Equal((-17, -1000), (q.OomAdj!.Value, q.OomScoreAdj));
    }

    [Fact]
    public void Overrides_ApplyAfterTheMachineBlock()
    {
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk("machine { swappiness 5; reclaim lru }", "o.mems", "swappiness=10", "reclaim=clock")).Build(builder);
        Assert.Equal(10, builder.Machine.Swappiness);
        Assert.Equal("clock", builder.Machine.Reclaim);
    }

    [Theory]
    [InlineData("machine { tlb 128 entries 8 way }", 128, 8)]
    [InlineData("machine { tlb 32 entries }", 32, 4)]
    [InlineData("machine { tlb off }", 0, 4)]
    public void Tlb_SetsEntriesAndWays(string text, int entries, int ways)
    {
        var builder = new ScenarioBuilder();
        Instantiate(EmitOk(text)).Build(builder);
        Assert.Equal((entries, ways), (builder.Machine.TlbEntries, builder.Machine.TlbWays));
    }
}
