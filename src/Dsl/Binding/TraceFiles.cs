namespace MemScript.Dsl.Binding;

/// <summary>
/// What the checker and the compiler both need to know of a <c>trace
/// "FILE"</c> pattern: where the file is (beside the scenario unless the
/// path is rooted), its format when the pattern names none (from the name:
/// <c>.csv</c> csv, <c>.lackey</c> lackey, <c>.bin</c> or a name holding
/// <c>oracleGeneral</c> oracleGeneral, anything else text; a final
/// <c>.zst</c> means compressed and is looked through), which formats carry
/// sizes (csv with an <c>obj-size-col</c>, oracleGeneral) and which carry
/// read/write marks (lackey).
/// </summary>
public static class TraceFiles
{
    public static readonly IReadOnlyList<string> Formats = ["text", "lackey", "csv", "oracleGeneral"];

    /// <summary>The file's path as the process opens it: beside <paramref name="scenarioPath"/>, or as written when rooted.</summary>
    public static string Resolve(string scenarioPath, string file)
    {
        if (Path.IsPathRooted(file))
            return file;
        var folder = Path.GetDirectoryName(scenarioPath);
        return string.IsNullOrEmpty(folder) ? file : Path.Combine(folder, file);
    }

    public static bool IsCompressed(string file) => file.EndsWith(".zst", StringComparison.OrdinalIgnoreCase);

    /// <summary>The format a file's name implies.</summary>
    public static string Infer(string file)
    {
        var name = Path.GetFileName(file);
        if (IsCompressed(name))
            name = name[..^4];
        if (name.Contains("oracleGeneral", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            return "oracleGeneral";
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return "csv";
        return name.EndsWith(".lackey", StringComparison.OrdinalIgnoreCase) ? "lackey" : "text";
    }
}
