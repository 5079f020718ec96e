using System.CommandLine;
using MemScript.Cli.Completion;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript completions bash|zsh</c>: print the shell completion script,
/// made from the command tree it is part of (<see cref="CompletionScripts"/>).
/// </summary>
internal static class CompletionsCommand
{
    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completions", "Print the shell completion script for bash or zsh") { shell };
        command.SetAction(parse =>
        {
            var root = (RootCommand)parse.RootCommandResult.Command;
            var model = CompletionModel.From(root);
            context.Out.Write(parse.GetValue(shell) == "zsh" ? CompletionScripts.Zsh(model) : CompletionScripts.Bash(model));
            return ExitCodes.Ok;
        });
        return command;
    }
}
