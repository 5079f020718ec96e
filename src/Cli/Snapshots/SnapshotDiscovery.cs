namespace MemScript.Cli.Snapshots;

/// <summary>
/// Finds scenarios for the harness: a directory is searched recursively for
/// <c>*.mems</c>, a file is taken as it is; the result is sorted ordinally by
/// path so every machine runs them in the same order. In directories it also
/// lists <c>X.verified.txt</c> files whose <c>X.mems</c> is gone; a
/// per-setting snapshot <c>X.KEY-VALUE.verified.txt</c> belongs to
/// <c>X.mems</c> (<see cref="ScenarioOf"/>) and is dangling only when no
/// scenario it could belong to exists. A folder
/// that cannot be listed is noted and the search goes on. The path a report
/// shows is the scanned folder's own name and the path inside it
/// (<c>scenarios/x.mems</c> whether the harness was given <c>scenarios</c>
/// from above or <c>.</c> from inside); for a file, its folder's name and its
/// name. It never depends on the working directory.
/// </summary>
public static class SnapshotDiscovery
{
    public const string DefaultFolder = "scenarios";

    public static SnapshotSet Discover(IReadOnlyList<string> paths, CliContext context)
    {
        var found = new Found(context);
        var given = paths.Count == 0 ? [DefaultFolder] : paths;

        foreach (var path in given)
        {
            var full = Path.TrimEndingDirectorySeparator(context.Resolve(path));
            if (Directory.Exists(full))
                found.AddFolder(full, full);
            else if (File.Exists(full) && full.EndsWith(".mems", StringComparison.Ordinal))
                found.AddScenario(full, ReportPath(Path.GetDirectoryName(full) ?? full, full));
            else if (File.Exists(full))
                found.Errors.Add($"{path}: not a .mems file");
            else
                found.Errors.Add($"{path}: no such file or directory");
        }

        return new SnapshotSet([.. found.Cases.Values], [.. found.Dangling], found.Errors, found.Unlistable);
    }

    /// <summary>
    /// The scenario a snapshot file belongs to and the variant part of its
    /// name: <c>x.reclaim-lru.verified.txt</c> is <c>x.mems</c>'s with variant
    /// <c>.reclaim-lru</c> when <c>x.reclaim-lru.mems</c> does not exist and
    /// <c>x.mems</c> does. The longest existing scenario name wins. Null when
    /// no scenario exists for it (a dangling snapshot).
    /// </summary>
    public static (string Scenario, string Variant)? ScenarioOf(string snapshotPath, string suffix)
    {
        var stem = snapshotPath[..^suffix.Length];
        if (File.Exists(stem + ".mems"))
            return (stem + ".mems", "");
        var nameStart = stem.Length - Path.GetFileName(stem).Length;
        for (var dot = stem.LastIndexOf('.'); dot > nameStart; dot = stem.LastIndexOf('.', dot - 1))
        {
            var variant = stem[dot..];
            if (SnapshotVariant.LooksLikeVariant(variant[1..]) && File.Exists(stem[..dot] + ".mems"))
                return (stem[..dot] + ".mems", variant);
        }

        return null;
    }

    /// <summary>The name of <paramref name="root"/> itself, then <paramref name="file"/>'s path inside it, with '/'.</summary>
    private static string ReportPath(string root, string file)
    {
        var inside = Path.GetRelativePath(root, file);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        var path = name.Length == 0 ? inside : Path.Combine(name, inside);
        return path.Replace(Path.DirectorySeparatorChar, '/');
    }

    private sealed class Found(CliContext context)
    {
        public SortedDictionary<string, SnapshotCase> Cases { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Dangling { get; } = new(StringComparer.Ordinal);

        public List<string> Errors { get; } = new();

        public List<(string, string)> Unlistable { get; } = new();

        public void AddScenario(string file, string reportPath) =>
            Cases.TryAdd(file, new SnapshotCase(context.Display(file), file, reportPath));

        public void AddFolder(string root, string folder)
        {
            string[] files, folders;
            try
            {
                files = Directory.GetFiles(folder);
                // A linked folder is not followed: it could lead back up and never end.
                folders = Array.FindAll(Directory.GetDirectories(folder), static sub => (File.GetAttributes(sub) & FileAttributes.ReparsePoint) == 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Unlistable.Add((context.Display(folder), e.Message));
                return;
            }

            Array.Sort(files, StringComparer.Ordinal);
            Array.Sort(folders, StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (file.EndsWith(".mems", StringComparison.Ordinal))
                {
                    AddScenario(file, ReportPath(root, file));
                }
                else if (file.EndsWith(SnapshotFiles.VerifiedSuffix, StringComparison.Ordinal))
                {
                    if (ScenarioOf(file, SnapshotFiles.VerifiedSuffix) is null)
                        Dangling.Add(file);
                }
            }

            foreach (var sub in folders)
                AddFolder(root, sub);
        }
    }
}
