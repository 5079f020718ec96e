namespace MemScript.Tests.Cli;

/// <summary>
/// A standard output or error that cannot be written (a full device, a closed
/// descriptor) is an ordinary error of the real process: one line on standard
/// error if it still takes it, exit 2; never an abort (134) or an internal error.
/// </summary>
public sealed class OutputFailureTests
{
    private const string Valid = "process p {\n  a = malloc 64K\n  touch a\n}\n";

    // 'ram' twice is a warning: a valid run that writes to standard error.
    private const string ValidWithWarning = "machine { ram 64M; ram 64M }\nprocess p {\n  a = malloc 64K\n  touch a\n}\n";

    [Theory]
    [InlineData("check")]
    [InlineData("run")]
    public void StandardErrorOnAFullDevice_Exits2(string command)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", ValidWithWarning);

        var result = MemscriptProcess.Run(sandbox.Root, "2>/dev/full", command, "w.mems");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void UsageErrorWithStandardErrorOnAFullDevice_Exits2()
    {
        using var sandbox = new CliSandbox();

        var result = MemscriptProcess.Run(sandbox.Root, "2>/dev/full", "check", "--bogus", "w.mems");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void StandardOutputOnAFullDevice_Exits2_WithOneLine()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("v.mems", Valid);

        var result = MemscriptProcess.Run(sandbox.Root, ">/dev/full", "run", "v.mems");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("memscript: cannot write standard output: No space left on device\n", result.Error);
    }

    [Fact]
    public void ClosedStandardOutput_Exits2_WithOneLine()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("v.mems", Valid);

        var result = MemscriptProcess.Run(sandbox.Root, ">&-", "run", "v.mems");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("memscript: cannot write standard output: it is closed or not writable\n", result.Error);
    }

    [Fact]
    public void ReportFileOnAFullDevice_Exits2_WithOneLine()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("v.mems", Valid);

        var result = MemscriptProcess.Run(sandbox.Root, "", "run", "v.mems", "--format", "text", "-o", "/dev/full");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("memscript: cannot write /dev/full: No space left on device", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void DeletedWorkingDirectory_Exits2_WithOneLine()
    {
        using var sandbox = new CliSandbox();

        var result = MemscriptProcess.Run(sandbox.Root, "mkdir gone && cd gone && rmdir ../gone &&", "", ["check", "x.mems"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("memscript: cannot find the current directory: ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
