namespace MemScript.Cli.Snapshots;

/// <summary>
/// The command printed after a snapshot fails, <c>memscript accept PATH</c>,
/// with PATH the scenario relative to the directory the user ran from, so
/// it works pasted into the same shell. A path a shell would split or
/// expand is single-quoted; one starting with '-' gets "./" so it is not
/// read as an option. A run with <c>--set</c> overrides names them too
/// (<c>memscript accept --set reclaim=lru scenarios/x.mems</c>), so the
/// per-setting snapshot is the one accepted.
/// </summary>
internal static class AcceptHint
{
    public static string For(string displayPath, IReadOnlyList<string>? overrides = null)
    {
        var hint = new System.Text.StringBuilder("memscript accept ");
        foreach (var item in overrides ?? [])
            hint.Append("--set ").Append(ShellWord(item)).Append(' ');
        return hint.Append(ShellWord(displayPath)).ToString();
    }

    private static string ShellWord(string path)
    {
        if (path.StartsWith('-'))
            path = "./" + path;
        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@' or '%' or '='))
                return "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }

        return path;
    }
}
