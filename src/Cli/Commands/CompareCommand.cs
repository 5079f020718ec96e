using System.CommandLine;
using MemScript.Cli.Compare;
using MemScript.Cli.Jobs;
using MemScript.Cli.Pipeline;
using MemScript.Cli.Snapshots;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript compare [PATH...] --base KEY=VALUE... --with KEY=VALUE...
/// [--format text|md|json] [--fail-on-change] [--jobs N] [--shard I/N] [--no-cache]</c>:
/// runs every scenario under the paths (default <c>scenarios</c>, found as
/// <c>memscript test</c> finds them) with the base settings and with the
/// candidate's (<see cref="CompareSides"/>), and prints per scenario the
/// figures of both runs, the change and the first divergence, then
/// <c>N changed, M unchanged, K expectations flipped</c>. Failed
/// expectations are figures here, not failures. Exit 0; 2 when an option is
/// bad or a scenario could not run (its diagnostics on standard error);
/// with <c>--fail-on-change</c>, 1 when anything changed. Snapshot files
/// are neither read nor written.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Scenario files or folders (default: scenarios)", Arity = ArgumentArity.ZeroOrMore };
        var baseSet = CommonOptions.Set("--base");
        baseSet.Description = "A setting of the base run (KEY=VALUE, repeatable) [default: the scenarios as written]";
        var withSet = CommonOptions.Set("--with");
        withSet.Description = "A setting of the candidate run, applied after the base's (KEY=VALUE, repeatable), e.g. --with reclaim=fifo";
        var format = new Option<string?>("--format") { Description = "Output format [default: text]" };
        format.AcceptOnlyFromAmong("text", "md", "json");
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit 1 when any scenario changed or any expectation flipped" };
        var noCache = CommonOptions.NoCache();
        var jobs = JobOptions.Jobs();
        var shard = JobOptions.Shard();

        var command = new Command("compare", "Run scenarios with two settings and compare the figures (faults, swap, reclaim, OOM, time, expectations)")
        {
            paths, baseSet, withSet, format, failOnChange, noCache, jobs, shard,
        };
        command.SetAction(parse =>
        {
            var (jobCount, part, jobError) = JobOptions.Parse(parse.GetValue(jobs), parse.GetValue(shard));
            if (jobError is not null)
            {
                context.Error.WriteLine("memscript: " + jobError);
                return ExitCodes.Usage;
            }

            var sides = new CompareSides(CommonOptions.Overrides(parse.GetValue(baseSet)), CommonOptions.Overrides(parse.GetValue(withSet)));
            if (sides.BaseOverrides.Count == 0 && sides.WithOverrides.Count == 0)
            {
                context.Error.WriteLine("memscript: compare needs a setting to compare, such as --with reclaim=fifo (and --base KEY=VALUE for another base than the scenarios as written)");
                return ExitCodes.Usage;
            }

            foreach (var overrides in (IReadOnlyList<string>[])[sides.BaseOverrides, sides.CandidateOverrides])
            {
                var diagnostics = OverrideCheck.Diagnostics(overrides);
                DiagnosticPrinter.Write(context.Error, diagnostics);
                if (DiagnosticPrinter.HasErrors(diagnostics))
                    return ExitCodes.Usage;
            }

            return Run(context, parse.GetValue(paths) ?? [], sides, parse.GetValue(format) ?? "text", parse.GetValue(failOnChange),
                CommonOptions.Compile(context, parse.GetValue(noCache)), jobCount, part);
        });
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<string> paths, CompareSides sides, string format, bool failOnChange,
        MemScript.Compiler.CompileOptions options, int jobs, Shard shard)
    {
        var set = SnapshotDiscovery.Discover(paths, context);
        foreach (var error in set.Errors)
            context.Error.WriteLine("memscript: " + error);
        if (set.Errors.Count > 0)
            return ExitCodes.Usage;
        foreach (var (folder, reason) in shard.IsFirst ? set.Unlistable : [])
            context.Error.WriteLine($"memscript: {folder}: cannot list the folder: {reason}");

        var cases = shard.Take(set.Cases);
        var results = new List<ScenarioComparison>(cases.Count);
        var progress = ProgressLine.For(context, cases.Count, "scenarios");
        if (format == "text")
            context.Out.Write(CompareText.Heading(sides, cases.Count));
        OrderedJobs.Run(cases, jobs, c => ScenarioComparer.Compare(c.DisplayPath, c.ReportPath, c.FullPath, sides, options), (i, outcome) =>
        {
            progress.Hide();
            var comparison = outcome.Value ?? ScenarioComparison.Failed(cases[i].DisplayPath,
                $"internal error: {outcome.Error?.GetType().Name}: {outcome.Error?.Message}", null);
            if (comparison.Diagnostics is { } diagnostics)
            {
                foreach (var line in diagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    context.Error.WriteLine(line);
            }

            results.Add(comparison);
            if (format == "text")
            {
                context.Out.Write(CompareText.Block(comparison, sides));
                context.Out.Flush();
            }

            progress.Show(i + 1, cases[i].DisplayPath);
        });
        progress.Hide();

        var summary = CompareSummary.Of(results);
        var unlistable = shard.IsFirst ? set.Unlistable.Count : 0;
        if (unlistable > 0)
            summary = summary with { Errors = summary.Errors + unlistable };
        context.Out.Write(format switch
        {
            "md" => CompareMarkdown.Write(results, sides, summary),
            "json" => CompareJson.Write(results, sides, summary),
            _ => "\n" + summary.Line + "\n",
        });
        return summary.ExitCode(failOnChange);
    }
}
