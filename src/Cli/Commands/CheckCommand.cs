using System.CommandLine;
using MemScript.Cli.Pipeline;
using MemScript.Compiler;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript check FILE.mems...</c>: parse and analyse each file, print
/// the diagnostics sorted by position. Exit 2 if any file has errors or
/// cannot be read, else 0 (warnings do not fail).
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE.mems") { Description = "Scenarios to check", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Parse and analyse scenarios; diagnostics only") { files };
        command.SetAction(parse => Run(context, parse.GetValue(files) ?? []));
        return command;
    }

    private static int Run(CliContext context, string[] paths)
    {
        var failed = false;
        foreach (var path in paths)
        {
            var displayPath = path.Replace('\\', '/');
            var (text, readError) = ScenarioFile.Read(context.Resolve(path), displayPath);
            if (text is null)
            {
                context.Error.WriteLine(readError);
                failed = true;
                continue;
            }

            var diagnostics = Frontend.Check(new CompileRequest(displayPath, text));
            DiagnosticPrinter.Write(context.Error, diagnostics, new SourceText(displayPath, text), context.ColourErrors);
            failed |= DiagnosticPrinter.HasErrors(diagnostics);
        }

        return failed ? ExitCodes.Usage : ExitCodes.Ok;
    }
}
