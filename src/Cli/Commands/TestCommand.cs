using System.CommandLine;
using MemScript.Cli.Pipeline;
using MemScript.Cli.Snapshots;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript test [PATH...] [--accept] [--set KEY=VALUE]... [--no-cache] [--max-memory SIZE] [--max-time DURATION]</c>:
/// the golden-file harness over every X.mems under the paths (default
/// <c>scenarios</c>); see <see cref="SnapshotHarness"/>. The overrides are
/// checked first: a bad one is exit 2 before any scenario runs or any file
/// is touched. The host limits apply to each scenario's run, as for <c>run</c>:
/// a run they stop fails its test with the report so far.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Scenario files or folders (default: scenarios)", Arity = ArgumentArity.ZeroOrMore };
        var accept = new Option<bool>("--accept") { Description = "Write mismatching or new snapshots as verified (refused when CI is set)" };
        var set = CommonOptions.Set();
        var noCache = CommonOptions.NoCache();
        var maxMemory = HostLimitOptions.MaxMemory();
        var maxTime = HostLimitOptions.MaxTime();

        var command = new Command("test", "Run scenarios and compare their text reports with X.verified.txt") { paths, accept, set, noCache, maxMemory, maxTime };
        command.SetAction(parse =>
        {
            var (limits, limitError) = HostLimitOptions.Parse(parse.GetValue(maxMemory), parse.GetValue(maxTime));
            if (limits is null)
            {
                context.Error.WriteLine("memscript: " + limitError);
                return ExitCodes.Usage;
            }

            var overrides = CommonOptions.Overrides(parse.GetValue(set));
            var overrideDiagnostics = OverrideCheck.Diagnostics(overrides);
            DiagnosticPrinter.Write(context.Error, overrideDiagnostics);
            if (DiagnosticPrinter.HasErrors(overrideDiagnostics))
                return ExitCodes.Usage;

            var runner = PipelineSnapshotRunner.Create(overrides, CommonOptions.Compile(context, parse.GetValue(noCache)), limits);
            var harness = new SnapshotHarness(runner, context);
            return harness.Test(parse.GetValue(paths) ?? [], parse.GetValue(accept)).ExitCode;
        });
        return command;
    }
}
