namespace MemScript.Cli.Snapshots;

/// <summary>
/// The command printed after a snapshot fails, <c>memscript accept PATH</c>,
/// with PATH the scenario relative to the directory the user ran from, so
/// it works pasted into the same shell. A path a shell would split or
/// expand is single-quoted; one starting with '-' gets "./" so it is not
/// read as an option.
/// </summary>
internal static class AcceptHint
{
    public static string For(string displayPath) => "memscript accept " + ShellWord(displayPath);

    private static string ShellWord(string path)
    {
        if (path.StartsWith('-'))
            path = "./" + path;
        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@' or '%'))
                return "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }

        return path;
    }
}
