using System.CommandLine;
using MemScript.Compiler;

namespace MemScript.Cli.Commands;

/// <summary>The options several commands share: <c>--set KEY=VALUE</c> (repeatable) and <c>--no-cache</c>.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Set(string name = "--set") => new(name)
    {
        Description = "Override a machine setting for this run (KEY=VALUE, repeatable), e.g. --set swappiness=10",
        HelpName = "KEY=VALUE",
        // Each --set takes its KEY=VALUE: a bare --set is a usage error, not an empty override.
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> NoCache() => new("--no-cache")
    {
        Description = "Compile with Roslyn even if a compiled copy is cached",
    };

    /// <summary>The <c>--set</c> values as given (<c>KEY=VALUE</c>); the front end parses and checks them.</summary>
    public static IReadOnlyList<string> Overrides(string[]? values) =>
        values is null || values.Length == 0 ? Array.Empty<string>() : values;

    /// <summary>The cache in the folder the context's environment names, or none with <c>--no-cache</c>.</summary>
    public static CompileOptions Compile(CliContext context, bool noCache) =>
        new(UseCache: !noCache, CacheDirectory: CompileOptions.DefaultCacheDirectory(context.Environment)) { WorkingDirectory = context.WorkingDirectory };
}
