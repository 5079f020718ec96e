namespace MemScript.Runtime;

/// <summary>
/// The file formats a <c>trace "FILE"</c> pattern reads (each may also be
/// zstd-compressed, <c>.zst</c>): one page index per line, Valgrind lackey's
/// <c>--trace-mem=yes</c> output, libCacheSim's csv, and libCacheSim's
/// <c>oracleGeneral</c> binary records.
/// </summary>
public enum TraceFormat
{
    Text,
    Lackey,
    Csv,
    OracleGeneral,
}

/// <summary>The formats by the names a scenario and <c>memscript trace stats</c> give them.</summary>
public static class TraceFormats
{
    /// <summary>The format named <paramref name="name"/> (<c>text</c>, <c>lackey</c>, <c>csv</c>, <c>oracleGeneral</c>); text for any other name.</summary>
    public static TraceFormat Named(string name) => name switch
    {
        "lackey" => TraceFormat.Lackey,
        "csv" => TraceFormat.Csv,
        "oracleGeneral" => TraceFormat.OracleGeneral,
        _ => TraceFormat.Text,
    };
}
