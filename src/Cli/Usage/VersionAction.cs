using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace MemScript.Cli.Usage;

/// <summary>
/// <c>memscript --version</c>: the informational version of the tool's own
/// assembly (<c>0.1.0+COMMIT</c>, the package version and the commit it was
/// built from), written to the command's standard output. System.CommandLine's
/// default reads the entry assembly, which is the test host when the
/// command line runs in-process.
/// </summary>
internal sealed class VersionAction(CliContext context) : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        context.Out.WriteLine(Version);
        return ExitCodes.Ok;
    }

    /// <summary>Makes the root command's --version print <see cref="Version"/>.</summary>
    public static void Install(RootCommand root, CliContext context)
    {
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
                version.Action = new VersionAction(context);
        }
    }
}
