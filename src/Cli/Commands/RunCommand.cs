using System.CommandLine;
using MemScript.Cli.Pipeline;
using MemScript.Cli.Progress;
using MemScript.Dsl.Text;
using MemScript.Runtime.Reporting;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript run FILE.mems [--format text|json|html|md] [--set KEY=VALUE]... [-o OUT] [--no-cache] [--max-memory SIZE] [--max-time DURATION]</c>:
/// compile, simulate, write the report to stdout (also <c>-o -</c>) or OUT
/// and diagnostics to stderr (failed and unreached expectations too,
/// MEMS4001/4002, at their lines); the format is <c>--format</c>, else OUT's
/// extension (<see cref="ReportFormatChoice"/>). Exit 0 when every expectation held, 1 when one failed or the run
/// stopped at the work limit or needing memory pressure, 2 for a missing
/// file, a scenario with errors or a run that ended in an internal error.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE.mems") { Description = "The scenario to run" };
        var format = new Option<string?>("--format")
        {
            Description = "Report format [default: from the extension of OUT, else text]",
        };
        format.AcceptOnlyFromAmong("text", "json", "html", "md");
        var set = CommonOptions.Set();
        var output = new Option<string?>("-o", "--output") { Description = "Write the report to this file ('-' for standard output)", HelpName = "OUT" };
        var noCache = CommonOptions.NoCache();
        var maxMemory = HostLimitOptions.MaxMemory();
        var maxTime = HostLimitOptions.MaxTime();

        var command = new Command("run", "Compile and simulate a scenario, print its report") { file, format, set, output, noCache, maxMemory, maxTime };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(file)!,
            parse.GetValue(format),
            CommonOptions.Overrides(parse.GetValue(set)),
            parse.GetValue(output),
            parse.GetValue(noCache),
            parse.GetValue(maxMemory),
            parse.GetValue(maxTime)));
        return command;
    }

    private static int Run(CliContext context, string path, string? formatOption, IReadOnlyList<string> overrides, string? outPath, bool noCache,
        string? maxMemory, string? maxTime)
    {
        var (limits, limitError) = HostLimitOptions.Parse(maxMemory, maxTime);
        if (limits is null)
        {
            context.Error.WriteLine("memscript: " + limitError);
            return ExitCodes.Usage;
        }

        var (chosen, formatError) = ReportFormatChoice.Choose(formatOption, outPath);
        if (chosen is not { } format)
        {
            context.Error.WriteLine("memscript: " + formatError);
            return ExitCodes.Usage;
        }

        var displayPath = path.Replace('\\', '/');
        var (text, readError) = ScenarioFile.Read(context.Resolve(path), displayPath);
        if (text is null)
        {
            context.Error.WriteLine(readError);
            return ExitCodes.Usage;
        }

        var progress = TerminalRunProgress.For(context, OneLine.Escape(displayPath));
        ScenarioRun run;
        try
        {
            run = ScenarioPipeline.Run(displayPath, text, overrides, CommonOptions.Compile(context, noCache), limits, progress);
        }
        finally
        {
            progress?.Finish();
        }

        var source = new SourceText(displayPath, text);
        DiagnosticPrinter.Write(context.Error, run.Diagnostics, source, context.ColourErrors);
        if (run.HasErrors || run.Result is null)
            return ExitCodes.Usage;

        DiagnosticPrinter.Write(context.Error, ExpectationDiagnostics.For(run.Result), source, context.ColourErrors);
        if (outPath is null or ReportFormatChoice.StandardOutput)
        {
            context.Out.Write(ReportRenderer.Render(run.Result, format, text));
        }
        else
        {
            // A Markdown report's charts are SVG files beside it, which it links as images.
            var (report, beside) = ReportRenderer.RenderForFile(run.Result, format, text, outPath);
            if (!ReportFile.TryWrite(context, outPath, report))
                return ExitCodes.Usage;
            var folder = Path.GetDirectoryName(outPath) ?? "";
            foreach (var (name, content) in beside)
                if (!ReportFile.TryWrite(context, Path.Combine(folder, name), content))
                    return ExitCodes.Usage;
        }

        return ExitCodes.ForRun(run.Result);
    }
}
