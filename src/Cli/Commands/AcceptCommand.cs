using System.CommandLine;
using MemScript.Cli.Snapshots;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript accept [PATH...]</c>: promote X.received.txt to X.verified.txt
/// (refused when CI is set). PATH is what a failed <c>memscript test</c>
/// prints (<c>memscript accept scenarios/x.mems</c>), a folder, or a snapshot file.
/// </summary>
internal static class AcceptCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Scenario files (or their X.received.txt) or folders (default: scenarios)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("accept", "Promote received snapshots to verified") { paths };
        command.SetAction(parse =>
        {
            var harness = new SnapshotHarness(static (_, _) => throw new InvalidOperationException("accept runs nothing"), context);
            return harness.Accept(parse.GetValue(paths) ?? []).ExitCode;
        });
        return command;
    }
}
