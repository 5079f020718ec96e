using System.CommandLine;
using MemScript.Cli.Pipeline;
using MemScript.Cli.Snapshots;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript test [PATH...] [--accept] [--set KEY=VALUE]... [--no-cache] [--jobs N] [--shard I/N] [--max-memory SIZE] [--max-time DURATION]</c>:
/// the golden-file harness over every X.mems under the paths (default
/// <c>scenarios</c>); see <see cref="SnapshotHarness"/>. With <c>--set</c>
/// the snapshots are the per-setting ones (<see cref="SnapshotVariant"/>).
/// The options are checked first: a bad one is exit 2 before any scenario
/// runs or any file is touched. The host limits apply to each scenario's run,
/// as for <c>run</c>: a run they stop fails its test with the report so far.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Scenario files or folders (default: scenarios)", Arity = ArgumentArity.ZeroOrMore };
        var accept = new Option<bool>("--accept") { Description = "Write mismatching or new snapshots as verified (refused when CI is set)" };
        var set = CommonOptions.Set();
        var noCache = CommonOptions.NoCache();
        var jobs = JobOptions.Jobs();
        var shard = JobOptions.Shard();
        var maxMemory = HostLimitOptions.MaxMemory();
        var maxTime = HostLimitOptions.MaxTime();

        var command = new Command("test", "Run scenarios and compare their text reports with X.verified.txt (X.KEY-VALUE.verified.txt with --set)")
        {
            paths, accept, set, noCache, jobs, shard, maxMemory, maxTime,
        };
        command.SetAction(parse =>
        {
            var (limits, limitError) = HostLimitOptions.Parse(parse.GetValue(maxMemory), parse.GetValue(maxTime));
            if (limits is null)
            {
                context.Error.WriteLine("memscript: " + limitError);
                return ExitCodes.Usage;
            }

            var (jobCount, part, jobError) = JobOptions.Parse(parse.GetValue(jobs), parse.GetValue(shard));
            if (jobError is not null)
            {
                context.Error.WriteLine("memscript: " + jobError);
                return ExitCodes.Usage;
            }

            var overrides = CommonOptions.Overrides(parse.GetValue(set));
            var overrideDiagnostics = OverrideCheck.Diagnostics(overrides);
            DiagnosticPrinter.Write(context.Error, overrideDiagnostics, colour: context.ColourErrors);
            if (DiagnosticPrinter.HasErrors(overrideDiagnostics))
                return ExitCodes.Usage;

            var runner = PipelineSnapshotRunner.Create(overrides, CommonOptions.Compile(context, parse.GetValue(noCache)), limits);
            var harness = new SnapshotHarness(runner, context) { Overrides = overrides, Jobs = jobCount, Shard = part };
            return harness.Test(parse.GetValue(paths) ?? [], parse.GetValue(accept)).ExitCode;
        });
        return command;
    }
}
