using System.CommandLine;
using MemScript.Cli.Pipeline;
using MemScript.Compiler;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Commands;

/// <summary><c>memscript emit FILE.mems</c>: print the C# generated for a scenario (diagnostics to stderr; exit 2 on errors).</summary>
internal static class EmitCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE.mems") { Description = "The scenario to lower to C#" };
        var command = new Command("emit", "Print the generated C#") { file };
        command.SetAction(parse => Run(context, parse.GetValue(file)!));
        return command;
    }

    private static int Run(CliContext context, string path)
    {
        var displayPath = path.Replace('\\', '/');
        var (text, readError) = ScenarioFile.Read(context.Resolve(path), displayPath);
        if (text is null)
        {
            context.Error.WriteLine(readError);
            return ExitCodes.Usage;
        }

        var emitted = Frontend.Emit(new CompileRequest(displayPath, text));
        DiagnosticPrinter.Write(context.Error, emitted.Diagnostics, new SourceText(displayPath, text), context.ColourErrors);
        if (!emitted.Success || emitted.Source is null)
            return ExitCodes.Usage;

        context.Out.Write(emitted.Source.ReadableText);
        if (!emitted.Source.ReadableText.EndsWith('\n'))
            context.Out.WriteLine();
        return ExitCodes.Ok;
    }
}
