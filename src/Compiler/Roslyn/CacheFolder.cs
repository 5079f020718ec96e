namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Where compiled scenarios are cached when no folder is given:
/// <c>$MEMSCRIPT_CACHE</c>, else <c>$XDG_CACHE_HOME/memscript</c>, else
/// <c>~/.cache/memscript</c> (the XDG base-directory convention). Empty
/// variables count as unset.
/// </summary>
internal static class CacheFolder
{
    public static string Resolve(Func<string, string?> environment)
    {
        var explicitFolder = environment("MEMSCRIPT_CACHE");
        if (!string.IsNullOrEmpty(explicitFolder))
            return explicitFolder;

        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
            return Path.Combine(xdg, "memscript");

        var home = environment("HOME");
        if (string.IsNullOrEmpty(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "memscript");
    }

    public static string ResolveDefault() => Resolve(Environment.GetEnvironmentVariable);
}
