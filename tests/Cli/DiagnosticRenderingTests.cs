using MemScript.Cli;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Parsing;

namespace MemScript.Tests.Cli;

/// <summary>
/// Diagnostics as a modern compiler draws them: the line tools parse, then
/// the source line with carets under the span (tabs, wide characters and
/// controls aligned; long lines cut around the span), "did you mean" for
/// statements and names, the code's documentation link, and colour only on
/// a terminal without NO_COLOR or CI.
/// </summary>
public sealed class DiagnosticRenderingTests
{
    private static string Check(CliSandbox sandbox, string text, CliContext? context = null)
    {
        sandbox.Write("t.mems", text);
        var code = CommandLineApp.Run(["check", "t.mems"], context ?? sandbox.Context);
        Assert.Equal(2, code);
        return sandbox.Error.ToString().Replace("\r\n", "\n");
    }

    [Fact]
    public void UnknownSetting_ShowsTheLineCaretsAndLink_AfterTheUnchangedFirstLine()
    {
        using var sandbox = new CliSandbox();

        var error = Check(sandbox, "machine {\n  swapiness 60\n}\n");

        Assert.Equal(
            "t.mems:2:3: error MEMS1003: unknown machine setting 'swapiness'; did you mean 'swappiness'?\n" +
            "  |\n" +
            "2 |   swapiness 60\n" +
            "  |   ^^^^^^^^^\n" +
            "  = help: MEMS1003 is explained in docs/diagnostics.md#mems1xxx\n",
            error);
    }

    [Fact]
    public void Tab_IsExpandedAndTheCaretFollowsIt()
    {
        using var sandbox = new CliSandbox();

        var error = Check(sandbox, "process p {\n\ta = malloc 4K\n\ttuch a\n}\n");

        Assert.Contains("3 |     tuch a\n  |     ^^^^\n", error, StringComparison.Ordinal);
        Assert.Contains("unexpected 'tuch'; expected a statement; did you mean 'touch'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WideCharactersAndControls_KeepTheCaretUnderTheSpan()
    {
        using var sandbox = new CliSandbox();

        var error = Check(sandbox, "process p {\n  note \"页页\u001B\"; touch b\n}\n");

        // "页" takes two cells, ESC is shown as its six-character escape: the caret is under 'b'.
        // Cells before 'b': "  note \"" 8, two wide characters 4, the escape 6, "\"; touch " 9.
        Assert.Contains("2 |   note \"页页\\u001B\"; touch b\n  | " + new string(' ', 27) + "^\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', error);
    }

    [Fact]
    public void LongLine_IsCutAroundTheSpan()
    {
        using var sandbox = new CliSandbox();
        var pad = new string('x', 300);

        var error = Check(sandbox, $"process p {{\n  note \"{pad}\"; touch b; note \"{pad}\"\n}}\n");

        var lines = error.Split('\n');
        var code = lines[2];
        var carets = lines[3];
        Assert.StartsWith("2 | ...", code, StringComparison.Ordinal);
        Assert.EndsWith("...", code, StringComparison.Ordinal);
        Assert.True(code.Length < 120, code);
        Assert.Equal('b', code[carets.IndexOf('^', StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData("process p {\n  a = malloc 4K\n  touch aa\n}\n", "'aa' is not defined in process 'p'; did you mean 'a'?")]
    [InlineData("file \"data\" size 4K\nprocess p {\n  a = mmap file \"dta\"\n}\n", "no file \"dta\" is declared; did you mean 'data'?")]
    [InlineData("shm \"seg\" size 4K\nprocess p {\n  a = shmat \"sg\"\n}\n", "no segment \"sg\" is declared with shm or created with shmget; did you mean 'seg'?")]
    [InlineData("process worker {\n  a = malloc 4K\n}\nat 1ms {\n  kill wroker\n}\n", "no process named 'wroker'; did you mean 'worker'?")]
    [InlineData("process p {\n  a = malloc 4K\n  mlokc a\n}\n", "unexpected 'mlokc'; expected a statement; did you mean 'mlock'?")]
    public void Names_AndStatements_SayDidYouMean(string text, string message)
    {
        using var sandbox = new CliSandbox();

        Assert.Contains(message, Check(sandbox, text), StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminal_TheDiagnosticIsInColour_AndTheTextIsTheSame()
    {
        using var sandbox = new CliSandbox();
        var text = "machine {\n  swapiness 60\n}\n";
        var plain = Check(sandbox, text);
        sandbox.Error.GetStringBuilder().Clear();

        var coloured = Check(sandbox, text, sandbox.Context with { ErrorIsTerminal = true });

        Assert.Contains("\u001B[1;31merror MEMS1003\u001B[0m", coloured, StringComparison.Ordinal);
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(coloured, "\u001B\\[[0-9;]*m", ""));
    }

    [Theory]
    [InlineData("NO_COLOR")]
    [InlineData("CI")]
    public void OnATerminal_NoColour_WithNoColorOrCi(string variable)
    {
        using var sandbox = new CliSandbox();
        var context = sandbox.Context with { ErrorIsTerminal = true, Environment = name => name == variable ? "1" : null };

        var error = Check(sandbox, "machine {\n  swapiness 60\n}\n", context);

        Assert.DoesNotContain('\u001B', error);
        Assert.StartsWith("t.mems:2:3: error MEMS1003: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCode_LinksToAnAnchorThatExists()
    {
        var doc = File.ReadAllText(Path.Combine(MemScript.Tests.Compiler.RepositoryRoot.Path, "docs", "diagnostics.md"));
        var ids = SyntaxErrors.All.Concat(SemanticErrors.All).Select(static d => d.Id)
            .Concat(["MEMS2001", "MEMS4001", "MEMS9001"]);
        foreach (var id in ids)
            Assert.Contains($"<a id=\"mems{id[4]}xxx\"></a>", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementWords_AreKeywordsOfTheGrammars()
    {
        var root = MemScript.Tests.Compiler.RepositoryRoot.Path;
        var grammars = File.ReadAllText(Path.Combine(root, "src", "Dsl", "Parsing", "StatementGrammar.cs"))
            + File.ReadAllText(Path.Combine(root, "src", "Dsl", "Parsing", "DeclarationGrammar.cs"));
        foreach (var word in StatementWords.All)
            Assert.Contains($"\"{word}\"", grammars, StringComparison.Ordinal);
    }
}
