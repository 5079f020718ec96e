using System.Text.RegularExpressions;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli;

/// <summary>The README's commands stay true: its opening commands, and the command-line synopsis against the tool's own help.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).Replace("\r\n", "\n");

    [GeneratedRegex(@"```\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [Fact]
    public void Readme_OpensWithRunAndTestCommands()
    {
        var first = FencedBlock().Match(Readme).Groups[1].Value;

        Assert.Equal("dotnet run --project src/Cli -- run scenarios/lazy-allocation.mems\ndotnet test\n", first);
    }

    [Fact]
    public void Readme_SynopsisNamesEveryCommandTheToolHas()
    {
        using var sandbox = new CliSandbox();
        sandbox.Run("--help");
        var help = sandbox.Out.ToString();
        var commandsSection = help[help.IndexOf("Commands:", StringComparison.Ordinal)..];
        var toolCommands = Regex.Matches(commandsSection, @"^  ([a-z]+) ", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        var synopsis = FencedBlock().Matches(Readme).Select(m => m.Groups[1].Value)
            .First(block => block.StartsWith("memscript ", StringComparison.Ordinal));
        var readmeCommands = Regex.Matches(synopsis, @"^memscript ([a-z]+)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(toolCommands, readmeCommands);
    }

    [Fact]
    public void Readme_SynopsisOptionsAreAcceptedByTheTool()
    {
        var synopsis = FencedBlock().Matches(Readme).Select(m => m.Groups[1].Value)
            .First(block => block.StartsWith("memscript ", StringComparison.Ordinal));

        foreach (var line in synopsis.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var sandbox = new CliSandbox();
            var command = line.Split(' ')[1];
            sandbox.Run(command, "--help");
            foreach (Match option in Regex.Matches(line, @"(?<![\w-])(--?[a-z][a-z-]*)"))
                Assert.Contains(option.Groups[1].Value, sandbox.Out.ToString());
        }
    }

    [Fact]
    public void Readme_RunCommand_RunsItsScenarioFromTheRepositoryRoot()
    {
        var first = FencedBlock().Match(Readme).Groups[1].Value;
        var run = first.Split('\n')[0];
        var args = run["dotnet run --project src/Cli -- ".Length..].Split(' ');
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new MemScript.Cli.CliContext(output, error, RepositoryRoot.Path, _ => null);

        var exit = MemScript.Cli.CommandLineApp.Run([.. args, "--no-cache"], context);

        Assert.Equal("", error.ToString());
        Assert.Equal(0, exit);
        Assert.StartsWith("MemScript 0.1 · scenario scenarios/lazy-allocation.mems", output.ToString(), StringComparison.Ordinal);
    }
}
