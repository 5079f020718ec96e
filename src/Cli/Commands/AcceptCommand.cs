using System.CommandLine;
using MemScript.Cli.Snapshots;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript accept [PATH...] [--set KEY=VALUE]...</c>: promote X.received.txt to X.verified.txt
/// (refused when CI is set); with <c>--set</c>, the per-setting snapshots
/// X.KEY-VALUE.received.txt that <c>memscript test --set</c> wrote. PATH is what a failed <c>memscript test</c>
/// prints (<c>memscript accept scenarios/x.mems</c>), a folder, or a snapshot file.
/// </summary>
internal static class AcceptCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Scenario files (or their X.received.txt) or folders (default: scenarios)", Arity = ArgumentArity.ZeroOrMore };
        var set = CommonOptions.Set();
        set.Description = "Accept the snapshots of the run with this override (X.KEY-VALUE.received.txt), as memscript test --set wrote them";
        var command = new Command("accept", "Promote received snapshots to verified") { paths, set };
        command.SetAction(parse =>
        {
            var harness = new SnapshotHarness(static (_, _) => throw new InvalidOperationException("accept runs nothing"), context)
            {
                Overrides = CommonOptions.Overrides(parse.GetValue(set)),
            };
            return harness.Accept(parse.GetValue(paths) ?? []).ExitCode;
        });
        return command;
    }
}
