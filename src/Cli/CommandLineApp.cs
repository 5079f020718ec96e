using System.CommandLine;
using MemScript.Cli.Commands;
using MemScript.Cli.Io;
using MemScript.Cli.Usage;
using MemScript.Dsl.Text;

namespace MemScript.Cli;

/// <summary>
/// The <c>memscript</c> entry point, callable in-process with any
/// <see cref="CliContext"/>. Parse errors are usage errors (exit 2, message
/// on stderr, then the help command to run); a word that looks like an
/// option but is none of the command's is one too, never a file name. Every user mistake is handled by the commands as a message
/// and an exit code; an exception reaching here is a MemScript bug and is
/// printed as one line, <c>internal error: ...</c>, exit 2, never a stack trace.
/// Standard error is a <see cref="OneLineWriter"/>: input text in a message
/// is escaped, so a message is one line. A failed write to standard output
/// or standard error (a full device, a closed descriptor) ends the command
/// with <c>memscript: cannot write standard output: ...</c> on standard error
/// if it still takes it, exit 2: the user's environment, not an internal error
/// and never an abort.
/// </summary>
public static class CommandLineApp
{
    /// <summary>The real process: the console, the current directory (a deleted one is a message, not a stack trace) and the environment.</summary>
    public static int RunProcess(string[] args)
    {
        CliContext context;
        try
        {
            context = CliContext.FromProcess();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                Console.Error.WriteLine(OneLine.Escape("memscript: cannot find the current directory: " + e.Message));
            }
            catch (Exception)
            {
                // Standard error fails too: the exit code is all that is left.
            }

            return ExitCodes.Usage;
        }

        return Run(args, context);
    }

    public static int Run(string[] args, CliContext context)
    {
        var output = new GuardedWriter(context.Out, "standard output");
        var error = new GuardedWriter(context.Error, "standard error");
        try
        {
            var code = RunGuarded(args, context with { Out = output, Error = new OneLineWriter(error) });
            output.Flush();
            error.Flush();
            return code;
        }
        catch (OutputFailedException e)
        {
            try
            {
                context.Error.WriteLine(OneLine.Escape("memscript: " + e.Message));
                context.Error.Flush();
            }
            catch (Exception)
            {
                // Standard error is the stream that failed, or fails too: the exit code is all that is left.
            }

            return ExitCodes.Usage;
        }
    }

    private static int RunGuarded(string[] args, CliContext context)
    {
        try
        {
            var root = CreateRoot(context);
            VersionAction.Install(root, context);
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
        catch (Exception e) when (e is not OutputFailedException)
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
            CompareCommand.Create(context),
            CompletionsCommand.Create(context),
            NewCommand.Create(context),
            TraceCommand.Create(context),
        };
}
