using System.CommandLine;
using MemScript.Cli.Commands;
using MemScript.Cli.Usage;

namespace MemScript.Cli;

/// <summary>
/// The <c>memscript</c> entry point, callable in-process with any
/// <see cref="CliContext"/>. Parse errors are usage errors (exit 2, message
/// on stderr, then the help command to run); a word that looks like an
/// option but is none of the command's is one too, never a file name. Every user mistake is handled by the commands as a message
/// and an exit code; an exception reaching here is a MemScript bug and is
/// printed as one line, <c>internal error: ...</c>, exit 2, never a stack trace.
/// </summary>
public static class CommandLineApp
{
    public static int Run(string[] args, CliContext context)
    {
        try
        {
            var root = CreateRoot(context);
            var parse = root.Parse(args);
            var unknown = UnknownOptions.Messages(parse);
            if (unknown.Count > 0 || parse.Errors.Count > 0)
            {
                // An unknown option explains the errors it causes (a stray argument): it alone is shown.
                foreach (var message in unknown.Count > 0 ? unknown : parse.Errors.Select(static e => e.Message))
                    context.Error.WriteLine("memscript: " + message);
                context.Error.WriteLine($"Run '{HelpCommand(parse)}' for usage.");
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static string HelpCommand(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "memscript --help" : $"memscript {parse.CommandResult.Command.Name} --help";

    private static RootCommand CreateRoot(CliContext context) =>
        new("MemScript: simulate Linux memory management from a .mems scenario.\n" +
            "Exit codes: 0 success; 1 a failed expectation or snapshot mismatch; 2 bad usage or a scenario with errors.")
        {
            RunCommand.Create(context),
            CheckCommand.Create(context),
            EmitCommand.Create(context),
            TestCommand.Create(context),
            AcceptCommand.Create(context),
        };
}
