namespace MemScript.Tests.Cli;

/// <summary>
/// Bad input of any kind gets diagnostics in the compilers' form and exit
/// code 2: never a stack trace, never a report.
/// </summary>
public class BadInputTests
{
    [Theory]
    [InlineData("syntax", "process p {\n  a = malloc\n}\n", 2)]
    [InlineData("unknown-name", "process p {\n  touch nothing\n}\n", 2)]
    [InlineData("empty", "", 1)]
    [InlineData("comments-only", "# nothing here\n\n", 1)]
    [InlineData("huge-ram", "machine { ram 1024T }\nprocess p { }\n", 1)]
    [InlineData("huge-number", "process p {\n  a = malloc 999999999999999999999999T\n}\n", 2)]
    [InlineData("control-chars", "process p {\n  \u0001\u0002\u0003\n}\n", 2)]
    public void Run_Exits2WithPositionedDiagnostic_WhenInputIsBad(string name, string text, int line)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write(name + ".mems", text);

        var exit = sandbox.Run("run", name + ".mems");

        Assert.Equal(2, exit);
        Assert.Equal("", sandbox.Out.ToString());
        var error = sandbox.Error.ToString();
        Assert.Matches($@"^{name}\.mems:{line}:\d+: error MEMS\d{{4}}: ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Run_Exits2WithOnePositionedDiagnostic_WhenFileIsBinaryJunk()
    {
        using var sandbox = new CliSandbox();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(sandbox.Root, "junk.mems"), bytes);

        var exit = sandbox.Run("run", "junk.mems");

        Assert.Equal(2, exit);
        var error = sandbox.Error.ToString();
        Assert.Matches(@"^junk\.mems:\d+:\d+: error MEMS0012: not a text file: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("   at ", error);
    }
}
