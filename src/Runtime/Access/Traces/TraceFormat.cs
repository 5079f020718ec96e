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
