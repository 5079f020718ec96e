namespace MemScript.Tests.Cli;

public sealed class CommandLineTests
{
    private static void AssertNoStackTrace(CliSandbox sandbox) =>
        Assert.DoesNotContain("   at ", sandbox.Error.ToString());

    [Fact]
    public void Run_Exits2WithUsageMessage_WhenNoCommandGiven()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run());
        Assert.Contains("memscript --help", sandbox.Error.ToString());
    }

    [Fact]
    public void Run_Exits2_WhenCommandIsUnknown()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("simulate", "x.mems"));
        Assert.Contains("simulate", sandbox.Error.ToString());
    }

    [Fact]
    public void Run_Exits0AndPrintsUsage_WhenHelpAsked()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(0, sandbox.Run("--help"));
        Assert.Contains("accept", sandbox.Out.ToString());
    }

    [Fact]
    public void RunCommand_Exits2_WhenFormatIsUnknown()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("a.mems", "machine { ram 64M }\n");

        Assert.Equal(2, sandbox.Run("run", "a.mems", "--format", "xml"));
        Assert.Contains("xml", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_Exits2_WhenFileArgumentMissing()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("run"));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    [InlineData("emit")]
    public void Command_Exits2WithFileNotFound_WhenFileIsMissing(string command)
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run(command, "missing/nothing.mems"));
        Assert.Contains("missing/nothing.mems: file not found", sandbox.Error.ToString());
        AssertNoStackTrace(sandbox);
    }

    [Fact]
    public void RunCommand_Exits2_WhenPathIsDirectory()
    {
        using var sandbox = new CliSandbox();
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "folder.mems"));

        Assert.Equal(2, sandbox.Run("run", "folder.mems"));
        Assert.Contains("is a directory", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_Exits2_WhenFileIsBinary()
    {
        using var sandbox = new CliSandbox();
        File.WriteAllBytes(Path.Combine(sandbox.Root, "junk.mems"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff]);

        Assert.Equal(2, sandbox.Run("run", "junk.mems"));
        Assert.Equal("junk.mems:1:7: error MEMS0012: not a text file: byte 0xFF is not UTF-8\n", sandbox.Error.ToString());
        AssertNoStackTrace(sandbox);
    }

    [Fact]
    public void RunCommand_Exits2_WhenFileIsNotUtf8()
    {
        using var sandbox = new CliSandbox();
        File.WriteAllBytes(Path.Combine(sandbox.Root, "latin1.mems"), [0x6e, 0x6f, 0x74, 0x65, 0x20, 0xe9, 0xe8, 0x0a]);

        Assert.Equal(2, sandbox.Run("run", "latin1.mems"));
        Assert.Equal("latin1.mems:1:6: error MEMS0012: not a text file: byte 0xE9 is not UTF-8\n", sandbox.Error.ToString());
    }

    [Fact]
    public void CheckCommand_Exits2_WhenAnyOfSeveralFilesIsMissing()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("check", "one.mems", "two.mems"));
        Assert.Contains("one.mems: file not found", sandbox.Error.ToString());
        Assert.Contains("two.mems: file not found", sandbox.Error.ToString());
    }
}
