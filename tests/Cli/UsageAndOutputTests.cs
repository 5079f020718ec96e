using System.Text.Json;

namespace MemScript.Tests.Cli;

/// <summary>
/// The command line as a user meets it: unknown options are usage errors
/// with the nearest option, never paths; <c>-o -</c> and <c>-o FILE</c>'s
/// extension choose where and how the report goes; the accept command a
/// failed snapshot prints works as printed.
/// </summary>
public sealed class UsageAndOutputTests
{
    private const string Small = """
        machine { ram 16M }
        process p {
          a = malloc 8K
          touch a
          expect p.minflt >= 2
        }
        """;

    [Fact]
    public void Run_UnknownOption_IsAUsageError_NotAFile()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(2, sandbox.Run("run", "--frobnicate", "x.mems"));
        var error = sandbox.Error.ToString();
        Assert.Contains("unknown option '--frobnicate' for 'memscript run'", error);
        Assert.Contains("--format", error);
        Assert.DoesNotContain("file not found", error);
        Assert.DoesNotContain("Unrecognized", error);
        Assert.Contains("memscript run --help", error);
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Theory]
    [InlineData("test", "--acept", "--accept")]
    [InlineData("run", "--fromat", "--format")]
    [InlineData("run", "--no-cahce", "--no-cache")]
    [InlineData("test", "--sett", "--set")]
    public void UnknownOption_SuggestsTheNearestOption(string command, string typo, string meant)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/x.mems", Small);

        Assert.Equal(2, sandbox.Run(command, typo, "scenarios/x.mems"));
        Assert.Contains($"unknown option '{typo}' for 'memscript {command}'; did you mean '{meant}'?", sandbox.Error.ToString());
        Assert.Equal("", sandbox.Out.ToString());
        Assert.False(sandbox.Exists("scenarios/x.received.txt"));
    }

    [Fact]
    public void Test_UnknownOptionAlone_RunsNothing()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/x.mems", Small);

        Assert.Equal(2, sandbox.Run("test", "--acept"));
        Assert.DoesNotContain("no such file", sandbox.Error.ToString());
        Assert.False(sandbox.Exists("scenarios/x.received.txt"));
        Assert.False(sandbox.Exists("scenarios/x.verified.txt"));
    }

    [Fact]
    public void AFileNamedLikeAnOption_RunsAfterDoubleDash()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("-odd.mems", Small);

        Assert.Equal(0, sandbox.Run("run", "--", "-odd.mems"));
        Assert.Contains("scenario -odd.mems", sandbox.Out.ToString());
    }

    [Fact]
    public void Run_OutputDash_WritesTheReportToStandardOutput()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(0, sandbox.Run("run", "x.mems", "-o", "-"));
        Assert.StartsWith("MemScript ", sandbox.Out.ToString());
        Assert.False(sandbox.Exists("-"));

        sandbox.Out.GetStringBuilder().Clear();
        Assert.Equal(0, sandbox.Run("run", "x.mems", "-o", "-", "--format", "json"));
        using var json = JsonDocument.Parse(sandbox.Out.ToString());
        Assert.Equal(1, json.RootElement.GetProperty("processes").GetArrayLength());
    }

    [Theory]
    [InlineData("report.html", "<!DOCTYPE html>")]
    [InlineData("report.HTM", "<!DOCTYPE html>")]
    [InlineData("out/report.json", "{")]
    [InlineData("report.md", "# ")]
    [InlineData("report.txt", "MemScript ")]
    public void Run_OutputFile_TakesTheFormatFromItsExtension(string outPath, string start)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(0, sandbox.Run("run", "x.mems", "-o", outPath));
        Assert.StartsWith(start, sandbox.Read(outPath));
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Fact]
    public void Run_FormatOption_WinsOverTheExtension()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(0, sandbox.Run("run", "x.mems", "-o", "report.html", "--format", "json"));
        using var json = JsonDocument.Parse(sandbox.Read("report.html"));
        Assert.True(json.RootElement.TryGetProperty("vmstat", out _));
    }

    [Theory]
    [InlineData("report.xml", "'.xml'")]
    [InlineData("report", "no extension")]
    public void Run_OutputFileWithoutAFormatExtension_IsAUsageError(string outPath, string reason)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(2, sandbox.Run("run", "x.mems", "-o", outPath));
        Assert.Contains(reason, sandbox.Error.ToString());
        Assert.Contains("--format", sandbox.Error.ToString());
        Assert.False(sandbox.Exists(outPath));

        Assert.Equal(0, sandbox.Run("run", "x.mems", "-o", outPath, "--format", "text"));
        Assert.StartsWith("MemScript ", sandbox.Read(outPath));
    }

    [Theory]
    [InlineData("scenarios")]
    [InlineData("scenarios/deep/x.mems")]
    [InlineData(".")]
    public void Test_Mismatch_PrintsAnAcceptCommandThatWorksAsPrinted(string testPath)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/deep/x.mems", Small);
        sandbox.Write("scenarios/deep/x.verified.txt", "an old report\n");

        Assert.Equal(1, sandbox.Run("test", testPath));
        var hint = sandbox.Out.ToString().Split('\n').Single(l => l.Contains("then: memscript accept", StringComparison.Ordinal));
        var command = hint[(hint.IndexOf("then: ", StringComparison.Ordinal) + "then: ".Length)..].Trim();
        Assert.Equal("memscript accept scenarios/deep/x.mems", command);

        // Pasted into a shell as `memscript accept ...` or `dotnet run --project src/Cli -- accept ...`: the same arguments.
        Assert.Equal(0, sandbox.Run(command.Split(' ')[1..]));
        Assert.Equal(0, sandbox.Run("test", testPath));
        Assert.False(sandbox.Exists("scenarios/deep/x.received.txt"));
    }

    [Fact]
    public void Test_NewSnapshot_PrintsAnAcceptCommand_QuotedWhenThePathHasASpace()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("my scenarios/x.mems", Small);

        Assert.Equal(1, sandbox.Run("test", "my scenarios"));
        Assert.Contains("then: memscript accept 'my scenarios/x.mems'", sandbox.Out.ToString());

        Assert.Equal(0, sandbox.Run("accept", "my scenarios/x.mems"));
        Assert.True(sandbox.Exists("my scenarios/x.verified.txt"));
    }

    [Fact]
    public void Accept_TakesTheReceivedFilesPath()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/x.mems", Small);
        Assert.Equal(1, sandbox.Run("test"));

        Assert.Equal(0, sandbox.Run("accept", "scenarios/x.received.txt"));
        Assert.Contains("accepted scenarios/x.verified.txt", sandbox.Out.ToString());
        Assert.Equal(0, sandbox.Run("test"));
    }

    [Theory]
    [InlineData("run", "x.mems", "--set")]
    [InlineData("test", "--set")]
    public void BareSetOption_IsAUsageError(params string[] args)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", Small);

        Assert.Equal(2, sandbox.Run(args));
        Assert.Contains("--set", sandbox.Error.ToString());
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Fact]
    public void RootHelp_StatesTheExitCodes()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(0, sandbox.Run("--help"));
        Assert.Contains("Exit codes: 0 success; 1 a failed expectation or snapshot mismatch; 2 bad usage", sandbox.Out.ToString());
    }
}
