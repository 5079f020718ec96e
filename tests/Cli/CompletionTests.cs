using System.Diagnostics;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli;

/// <summary>
/// The shell completion scripts of <c>completions/</c> are what
/// <c>memscript completions bash|zsh</c> prints from the command tree (so a
/// new option shows up in them, or this test says to regenerate them), and
/// bash really completes commands, options and option values with the bash one.
/// </summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("bash", "memscript.bash")]
    [InlineData("zsh", "_memscript")]
    public void CommittedScript_IsTheGeneratedOne(string shell, string file)
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(0, sandbox.Run("completions", shell));

        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "completions", file)).Replace("\r\n", "\n");
        Assert.True(committed == sandbox.Out.ToString(),
            $"completions/{file} is stale: regenerate it with `dotnet run --project src/Cli -- completions {shell} > completions/{file}`");
    }

    [Theory]
    [InlineData("memscript te", "test")]
    [InlineData("memscript run --fo", "--format")]
    [InlineData("memscript run x.mems --format ", "html json md text")]
    [InlineData("memscript test --ac", "--accept")]
    [InlineData("memscript completions ", "bash zsh")]
    [InlineData("memscript --ver", "--version")]
    public void Bash_Completes(string line, string expected)
    {
        var words = line.Split(' ');
        var script = Path.Combine(RepositoryRoot.Path, "completions", "memscript.bash");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("source \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _memscript; echo \"${COMPREPLY[*]}\"");
        start.ArgumentList.Add(script);
        foreach (var word in words)
            start.ArgumentList.Add(word);
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.Equal("", error);
        Assert.Equal(expected, output.TrimEnd('\n'));
    }
}
