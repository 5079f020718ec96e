using System.Reflection;
using MemScript.Cli;

namespace MemScript.Tests.Cli;

/// <summary>
/// A long run (<c>read m random 20000000</c>, about ten seconds here) shows
/// its progress on standard error when that is a terminal, erases it at the
/// end, and changes nothing in the report; with standard error redirected
/// or under CI there is not a byte of it. Also <c>memscript --version</c>.
/// </summary>
public sealed class ProgressTests
{
    private const string Long = "machine { ram 256M }\nprocess p {\n  m = malloc 64M\n  read m random 20000000\n}\n";

    [Fact]
    [Trait("Category", "Slow")]
    public void LongRun_ShowsProgressOnATerminal_AndNothingWhenRedirected_WithTheSameReport()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("long.mems", Long);

        var onTerminal = CommandLineApp.Run(["run", "long.mems"], sandbox.Context with { ErrorIsTerminal = true, ProgressQuiet = TimeSpan.Zero });
        var redirected = MemscriptProcess.Run(sandbox.Root, "unset CI NO_COLOR;", "", ["run", "long.mems"], TimeSpan.FromSeconds(180));

        Assert.Equal(0, onTerminal);
        var progress = sandbox.Error.ToString();
        Assert.Matches(@"^\r\u001B\[Klong\.mems: \d+\.\d{3} s simulated, [\d,]+ accesses, \d+% of the work limit", progress);
        Assert.EndsWith("\r\u001B[K", progress, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', progress);

        Assert.False(redirected.TimedOut);
        Assert.Equal(0, redirected.ExitCode);
        Assert.Equal("", redirected.Error);
        Assert.Equal(sandbox.Out.ToString(), redirected.Out);
        Assert.Contains("read m random 20000000", redirected.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "true", false)]
    [InlineData(false, null, false)]
    public void Progress_OnlyOnATerminal_AndNotUnderCi(bool terminal, string? ci, bool shown)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, "/", name => name == "CI" ? ci : null) { ErrorIsTerminal = terminal };

        Assert.Equal(shown, context.ShowProgress);
    }

    [Fact]
    public void Version_IsTheToolsInformationalVersion()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(0, sandbox.Run("--version"));

        var version = typeof(CommandLineApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith("0.", version, StringComparison.Ordinal);
        Assert.Equal(version + "\n", sandbox.Out.ToString().Replace("\r\n", "\n"));
    }
}
