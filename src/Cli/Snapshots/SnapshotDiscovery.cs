namespace MemScript.Cli.Snapshots;

/// <summary>
/// Finds scenarios for the harness: a directory is searched recursively for
/// <c>*.mems</c>, a file is taken as it is; the result is sorted ordinally by
/// path so every machine runs them in the same order. In directories it also
/// lists <c>X.verified.txt</c> files whose <c>X.mems</c> is gone.
/// </summary>
public static class SnapshotDiscovery
{
    public const string DefaultFolder = "scenarios";

    public static SnapshotSet Discover(IReadOnlyList<string> paths, CliContext context)
    {
        var cases = new SortedDictionary<string, SnapshotCase>(StringComparer.Ordinal);
        var dangling = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var given = paths.Count == 0 ? [DefaultFolder] : paths;

        foreach (var path in given)
        {
            var full = context.Resolve(path);
            if (Directory.Exists(full))
                AddFolder(full, context, cases, dangling);
            else if (File.Exists(full) && full.EndsWith(".mems", StringComparison.Ordinal))
                cases[full] = new SnapshotCase(context.Display(full), full);
            else if (File.Exists(full))
                errors.Add($"{path}: not a .mems file");
            else
                errors.Add($"{path}: no such file or directory");
        }

        return new SnapshotSet([.. cases.Values], [.. dangling], errors);
    }

    private static void AddFolder(string folder, CliContext context, SortedDictionary<string, SnapshotCase> cases, SortedSet<string> dangling)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".mems", StringComparison.Ordinal))
            {
                cases[file] = new SnapshotCase(context.Display(file), file);
            }
            else if (file.EndsWith(SnapshotFiles.VerifiedSuffix, StringComparison.Ordinal))
            {
                var scenario = file[..^SnapshotFiles.VerifiedSuffix.Length] + ".mems";
                if (!File.Exists(scenario))
                    dangling.Add(file);
            }
        }
    }
}
