using System.Diagnostics;
using MemScript.Tests.Cli.Compare;

namespace MemScript.Tests.Cli;

/// <summary>
/// The progress line in a real process under a pseudo-terminal (script(1)):
/// drawn on standard error when it is the terminal, never in a redirected
/// standard output or standard error, never when CI is set.
/// </summary>
public sealed class ProgressTerminalTests
{
    [Fact]
    public void Progress_IsDrawnOnTheTerminal_AndNotInRedirectedStandardOutput()
    {
        using var sandbox = Corpus();

        var terminal = UnderTerminal(sandbox, "env -u CI", "> out.txt");

        Assert.Contains("2/2 scenarios", terminal);
        var output = sandbox.Read("out.txt");
        Assert.DoesNotContain("\u001b", output);
        Assert.DoesNotContain("scenarios ·", output);
        Assert.EndsWith("2 passed, 0 failed\n", output);
    }

    [Fact]
    public void Progress_IsNotDrawn_WhenStandardErrorIsRedirected()
    {
        using var sandbox = Corpus();

        var terminal = UnderTerminal(sandbox, "env -u CI", "2> err.txt");

        Assert.Contains("2 passed, 0 failed", terminal);
        Assert.DoesNotContain("scenarios ·", terminal);
        Assert.Equal("", sandbox.Read("err.txt"));
    }

    [Fact]
    public void Progress_IsNotDrawn_WhenCiIsSet()
    {
        using var sandbox = Corpus();

        var terminal = UnderTerminal(sandbox, "env CI=true", "");

        Assert.Contains("2 passed, 0 failed", terminal);
        Assert.DoesNotContain("scenarios ·", terminal);
    }

    private static CliSandbox Corpus()
    {
        var sandbox = new CliSandbox();
        sandbox.Write("corpus/a.mems", SmallCorpus.Lazy + "\n");
        sandbox.Write("corpus/b.mems", SmallCorpus.Lazy + "\n");
        Assert.Equal(0, sandbox.Run("test", "corpus", "--accept"));
        return sandbox;
    }

    /// <summary>Runs <c>memscript test corpus</c> with a terminal for its streams (but those redirected); returns what the terminal showed.</summary>
    private static string UnderTerminal(CliSandbox sandbox, string environment, string redirections)
    {
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = sandbox.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add($"{environment} dotnet '{MemscriptProcess.Dll}' test corpus {redirections}");
        start.ArgumentList.Add("/dev/null");
        start.Environment["MEMSCRIPT_CACHE"] = Path.Combine(sandbox.Root, ".cache");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "memscript did not finish");
        Assert.Equal("", error.Result);
        return output.Result;
    }
}
