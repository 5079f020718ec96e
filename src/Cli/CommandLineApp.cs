using System.CommandLine;
using MemScript.Cli.Commands;

namespace MemScript.Cli;

/// <summary>
/// The <c>memscript</c> entry point, callable in-process with any
/// <see cref="CliContext"/>. Parse errors are usage errors (exit 2, message
/// on stderr). Every user mistake is handled by the commands as a message
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
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                    context.Error.WriteLine("memscript: " + error.Message);
                context.Error.WriteLine("Run 'memscript --help' for usage.");
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

    private static RootCommand CreateRoot(CliContext context) =>
        new("MemScript: simulate Linux memory management from a .mems scenario")
        {
            RunCommand.Create(context),
            CheckCommand.Create(context),
            EmitCommand.Create(context),
            TestCommand.Create(context),
            AcceptCommand.Create(context),
        };
}
