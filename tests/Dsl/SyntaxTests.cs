using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Parsing;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

public class SyntaxTests
{
    private static ScenarioSyntax Parse(string text)
    {
        var bag = new DiagnosticBag();
        var tree = Parser.ParseScenario(new SourceText("t.mems", text), bag);
        Assert.True(bag.Items.Count == 0, string.Join("\n", bag.Items));
        return tree;
    }

    private static ulong ShmSize(string size)
    {
        var shm = Assert.IsType<DeclarationSyntax.Shm>(Assert.Single(Parse($"shm \"k\" size {size}").Declarations));
        return MemScript.Dsl.Binding.Evaluator.Size(shm.Size, 4096)!.Value;
    }

    [Theory]
    [InlineData("100", 100UL)]
    [InlineData("100B", 100UL)]
    [InlineData("64K", 65536UL)]
    [InlineData("64 KB", 65536UL)]
    [InlineData("64KiB", 65536UL)]
    [InlineData("1M", 1UL << 20)]
    [InlineData("1 MB", 1UL << 20)]
    [InlineData("1MiB", 1UL << 20)]
    [InlineData("2G", 2UL << 30)]
    [InlineData("2GB", 2UL << 30)]
    [InlineData("2 GiB", 2UL << 30)]
    [InlineData("1T", 1UL << 40)]
    [InlineData("1TB", 1UL << 40)]
    [InlineData("1TiB", 1UL << 40)]
    [InlineData("1 page", 4096UL)]
    [InlineData("3 pages + 100", 3 * 4096UL + 100)]
    [InlineData("1M + 4K", (1UL << 20) + 4096)]
    [InlineData("1M+4K", (1UL << 20) + 4096)]
    [InlineData("0x1000", 4096UL)]
    [InlineData("0x10 K", 16 * 1024UL)]
    [InlineData("1_000_000", 1_000_000UL)]
    [InlineData("0xFF_FF", 0xFFFFUL)]
    public void Size_EvaluatesBinaryUnitsAndSums(string size, ulong bytes)
    {
        Assert.Equal(bytes, ShmSize(size));
    }

    [Theory]
    [InlineData("10ns", 10L)]
    [InlineData("10us", 10_000L)]
    [InlineData("10ms", 10_000_000L)]
    [InlineData("2 s", 2_000_000_000L)]
    public void Duration_ConvertsToNanoseconds(string duration, long ns)
    {
        var at = Assert.IsType<DeclarationSyntax.At>(Assert.Single(Parse($"at {duration} {{ top }}").Declarations));
        Assert.Equal(ns, MemScript.Dsl.Binding.Evaluator.Nanoseconds(at.Time));
    }

    [Fact]
    public void NegativeNumbers_ParseWhereASignMakesSense()
    {
        var process = Assert.IsType<DeclarationSyntax.Process>(Assert.Single(Parse("process p (nice -5, oom_score_adj -500) { }").Declarations));
        var nice = Assert.IsType<ProcessOptionSyntax.Nice>(process.Options[0]);
        Assert.Equal(-5L, MemScript.Dsl.Binding.Evaluator.Signed(nice.Value));
    }

    [Fact]
    public void String_ResolvesEscapes()
    {
        var note = Assert.IsType<DeclarationSyntax.Statement>(Assert.Single(Parse("note \"a \\\"b\\\" \\\\ c # ; {\"").Declarations));
        Assert.Equal("a \"b\" \\ c # ; {", Assert.IsType<StatementSyntax.Note>(note.Inner).Text.Value);
    }

    [Fact]
    public void LanguageExample_Parses_AndChecksClean()
    {
        var tree = Parse(Samples.LanguageExample);
        Assert.Equal(7, tree.Declarations.Count);
        AssertClean(Samples.LanguageExample);
    }

    [Fact]
    public void EveryStatementAndSetting_ParsesAndChecksClean()
    {
        AssertClean(Samples.Everything);
    }

    [Fact]
    public void BraceOnItsOwnLine_OpensTheBlockOfThePreviousStatement()
    {
        var tree = Parse("process p\n{\n  a = malloc 4K\n  touch a\n}\n");
        Assert.Equal(2, Assert.IsType<DeclarationSyntax.Process>(Assert.Single(tree.Declarations)).Body.Count);
    }

    [Fact]
    public void RegionNamedLikeAKeyword_IsAllowed()
    {
        AssertClean("process p { read = malloc 4K; read read; free read }");
    }

    [Fact]
    public void Nodes_CarryTheirSpans()
    {
        var text = "process p {\n  buf = malloc 64K\n}";
        var process = Assert.IsType<DeclarationSyntax.Process>(Assert.Single(Parse(text).Declarations));
        var assign = Assert.IsType<StatementSyntax.Assign>(Assert.Single(process.Body));
        Assert.Equal("buf = malloc 64K", text.Substring(assign.Span.Start, assign.Span.Length));
        Assert.Equal("64K", text.Substring(((AllocationSyntax.Malloc)assign.Value).Size.Span.Start, 3));
    }

    [Fact]
    public void ThreeBadLines_GiveExactlyThreeDiagnostics_AtTheirPositions()
    {
        var text = "process p {\n  a = malloc 64Q\n  touch a\n  tuoch a\n  read a times\n}\n";
        var diagnostics = Check(text);
        Assert.Equal(3, diagnostics.Count);
        Assert.Equal(("MEMS0001", 2, 16), (diagnostics[0].Id, diagnostics[0].Location.Line, diagnostics[0].Location.Column));
        Assert.Equal(("MEMS0001", 4, 3), (diagnostics[1].Id, diagnostics[1].Location.Line, diagnostics[1].Location.Column));
        Assert.Equal(("MEMS0001", 5, 15), (diagnostics[2].Id, diagnostics[2].Location.Line, diagnostics[2].Location.Column));
        Assert.StartsWith("t.mems:2:16: error MEMS0001: unexpected 'Q'", diagnostics[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("t.mems:4:3: error MEMS0001: unexpected 'tuoch'; expected a statement; did you mean 'touch'?", diagnostics[1].ToString());
    }

    [Theory]
    [InlineData("note \"open", "MEMS0002", 1, 6)]
    [InlineData("process p {\n  touch heap", "MEMS0003", 1, 11)]
    [InlineData("top\n}", "MEMS0004", 2, 1)]
    [InlineData("top; { }", "MEMS0005", 1, 6)]
    [InlineData("process p { touch heap { } }", "MEMS0006", 1, 24)]
    [InlineData("process p { repeat 3 }", "MEMS0007", 1, 13)]
    [InlineData("at 1ms { touch heap }", "MEMS0009", 1, 10)]
    [InlineData("touch heap", "MEMS0009", 1, 1)]
    [InlineData("process p { pressure 4K }", "MEMS0009", 1, 13)]
    [InlineData("process p { machine { } }", "MEMS0009", 1, 13)]
    public void SyntaxError_IsReportedWithItsId_AtItsPosition(string text, string id, int line, int column)
    {
        AssertSingle(text, id, line, column);
    }

    [Fact]
    public void DeepNesting_IsOneDiagnostic_NotAStackOverflow()
    {
        var text = "process p {\n" + string.Concat(Enumerable.Repeat("repeat 1 {\n", 10000)) + string.Concat(Enumerable.Repeat("}\n", 10000)) + "}\n";
        var diagnostic = Assert.Single(Check(text));
        Assert.Equal("MEMS0008", diagnostic.Id);
    }

    [Fact]
    public void BadProcessOption_IsReportedWhereItIs_NotAtTheOpeningParenthesis()
    {
        var d = AssertSingle("process web (nice 50x) { }", "MEMS0001", 1, 21);
        Assert.Contains("unexpected 'x'", d.Message);
    }

    [Fact]
    public void TrailingJunk_SaysTheStatementShouldHaveEnded()
    {
        var d = AssertSingle("process p {\n  a = malloc 64Q\n}", "MEMS0001", 2, 16);
        Assert.Equal("unexpected 'Q'; expected the end of the statement", d.Message);
    }
}
