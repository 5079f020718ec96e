using System.Text.RegularExpressions;
using MemScript.Cli;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli;

/// <summary>
/// The README's first scenario stays true: the scenario as printed there
/// runs to the timeline rows, the diagnostic and the exit code the README
/// shows, passes once its expectation says 66, and its typo gives the
/// diagnostic shown.
/// </summary>
public sealed partial class ReadmeFirstScenarioTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).Replace("\r\n", "\n");

    [GeneratedRegex(@"\n\n((?:    .*\n|\n)+)")]
    private static partial Regex IndentedBlock();

    private static string Section()
    {
        var start = Readme.IndexOf("## A first scenario in five minutes", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var end = Readme.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return Readme[start..end];
    }

    private static List<string> Blocks() =>
        IndentedBlock().Matches(Section()).Select(static m => string.Concat(m.Groups[1].Value.TrimEnd('\n').Split('\n').Select(static l => (l.Length >= 4 ? l[4..] : l) + "\n"))).ToList();

    [Fact]
    public void FirstScenario_ShowsTheRowsAndTheDiagnosticTheReadmeShows()
    {
        var blocks = Blocks();
        var (scenario, timeline, diagnostic, typo) = (blocks[0], blocks[1], blocks[2], blocks[3]);
        using var sandbox = new CliSandbox();
        sandbox.Write("hello.mems", scenario);

        Assert.Equal(1, sandbox.Run("run", "hello.mems"));
        var report = sandbox.Out.ToString();
        foreach (var line in timeline.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains(line + "\n", report, StringComparison.Ordinal);
        Assert.Equal(diagnostic, sandbox.Error.ToString());

        using var fixedSandbox = new CliSandbox();
        fixedSandbox.Write("hello.mems", scenario.Replace("expect p.minflt == 64", "expect p.minflt == 66", StringComparison.Ordinal));
        Assert.Equal(0, fixedSandbox.Run("run", "hello.mems"));

        using var typoSandbox = new CliSandbox();
        typoSandbox.Write("hello.mems", scenario.Replace("  write a", "  wrte a", StringComparison.Ordinal));
        Assert.Equal(2, typoSandbox.Run("run", "hello.mems"));
        Assert.Equal(typo, typoSandbox.Error.ToString());
    }
}
