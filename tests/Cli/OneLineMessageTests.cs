using MemScript.Dsl.Text;

namespace MemScript.Tests.Cli;

/// <summary>
/// Input text in a message (a string in the scenario, a file name, a --set
/// value, an unknown option) is escaped: each message is one line, and no
/// CR, LF or separator from the input reaches the terminal raw.
/// </summary>
public sealed class OneLineMessageTests
{
    [Theory]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\nb\tc", @"a\nb\tc")]
    [InlineData("a\u2029b\u2028c", @"a\u2029b\u2028c")]
    [InlineData("a\u0085b\u001Bc\u007F", @"a\u0085b\u001Bc\u007F")]
    [InlineData("x\u202Ey", @"x\u202Ey")]
    [InlineData("plain é 页 \\ text", "plain é 页 \\ text")]
    public void Escape_WritesControlsAndSeparatorsAsEscapes(string text, string expected)
    {
        Assert.Equal(expected, OneLine.Escape(text));
        Assert.Equal(expected, OneLine.Escape(OneLine.Escape(text)));
    }

    [Fact]
    public void ScenarioStringsWithCrAndSeparators_GiveOneLineDiagnostics()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("n.mems", "process p {\n  note \"odd\rline\"\n  a = mmap file \"x\ry\"\n  b = shmat \"k\u2029\u0085z\"\n}\n");

        Assert.Equal(2, sandbox.Run("check", "n.mems"));

        var error = DiagnosticHeaders.Of(sandbox.Error.ToString());
        Assert.Equal(
            "n.mems:3:17: error MEMS1011: no file \"x\\ry\" is declared\n" +
            "n.mems:4:13: error MEMS1012: no segment \"k\\u2029\\u0085z\" is declared with shm or created with shmget\n",
            error);
    }

    [Fact]
    public void ScenarioStringWithCr_GivesOneLineDiagnostic_FromTheRealProcess()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("n.mems", "process p {\n  note \"odd\rline\"\n  a = shmat \"k\ry\"\n}\n");

        var result = MemscriptProcess.Run(sandbox.Root, "", "check", "n.mems");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("n.mems:3:13: error MEMS1012: no segment \"k\\ry\" is declared with shm or created with shmget\n", DiagnosticHeaders.Of(result.Error));
    }

    [Fact]
    public void SetValueWithNewline_IsEchoedEscaped()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("v.mems", "process p {\n  a = malloc 4K\n}\n");

        Assert.Equal(2, sandbox.Run("run", "v.mems", "--set", "swappiness=1\n0"));

        var error = DiagnosticHeaders.Of(sandbox.Error.ToString());
        Assert.DoesNotContain('\r', error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(@"1\n0", error);
    }

    [Fact]
    public void SetKeyWithNewline_IsEchoedEscaped_ByTheRealProcess()
    {
        using var sandbox = new CliSandbox();

        var result = MemscriptProcess.Run(sandbox.Root, "", "test", "--set", "a\nb=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--set:1:1: error MEMS1020: --set expects KEY=VALUE, not 'a\\nb=1'\n", DiagnosticHeaders.Of(result.Error));
    }

    [Fact]
    public void UnknownOptionWithCr_IsEchoedEscaped()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("check", "--fro\rb", "x.mems"));

        Assert.StartsWith(@"memscript: unknown option '--fro\rb' for 'memscript check'", sandbox.Error.ToString());
        Assert.Equal(2, sandbox.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void PathWithNewline_IsEchoedEscaped_InTheFileError()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("check", "a\nb.mems"));

        Assert.Equal("memscript: a\\nb.mems: file not found\n", sandbox.Error.ToString());
    }
}
