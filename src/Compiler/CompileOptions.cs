namespace MemScript.Compiler;

/// <summary>
/// How <see cref="ScenarioCompiler"/> compiles: whether the on-disk cache of
/// compiled scenarios is used (<c>--no-cache</c> turns it off) and where it
/// lives. A null <see cref="CacheDirectory"/> means the default folder:
/// <c>$MEMSCRIPT_CACHE</c>, else <c>$XDG_CACHE_HOME/memscript</c>, else
/// <c>~/.cache/memscript</c>.
/// </summary>
public sealed record CompileOptions(bool UseCache = true, string? CacheDirectory = null)
{
    /// <summary>The folder relative paths are resolved against (<c>--set reclaim=x.cs</c>, the .mems path); null: the process's current folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The cache on, in its default folder.</summary>
    public static CompileOptions Default { get; } = new();

    /// <summary>No cache: every compile goes through Roslyn.</summary>
    public static CompileOptions NoCache { get; } = new(UseCache: false);

    /// <summary>The default cache folder for the given environment variables (see the type's summary).</summary>
    public static string DefaultCacheDirectory(Func<string, string?> environment) =>
        Roslyn.CacheFolder.Resolve(environment);
}
