namespace MemScript.Runtime;

/// <summary>
/// What a compiled scenario takes at run time instead of holding it as code:
/// its statement sites (line, column and source text), its long strings
/// (notes, expectation texts), its long <c>pages</c> lists and its trace files. The compiler
/// builds it from the .mems text each time it loads a scenario and hands it
/// to the generated class's constructor; the assembly keeps only indices
/// into it. So a scenario's size is bounded by nothing in the assembly
/// format (its string heap holds at most 16 MiB, a <c>#line</c> column at
/// most 65,535), and a cached assembly serves every text that lowers to the
/// same code.
/// </summary>
public sealed class ScenarioData
{
    private readonly Site[] _sites;
    private readonly string[] _strings;
    private readonly long[][] _lists;

    public ScenarioData(IReadOnlyList<Site> sites, IReadOnlyList<string> strings, IReadOnlyList<long[]> lists)
    {
        _sites = [.. sites];
        _strings = [.. strings];
        _lists = [.. lists];
    }

    /// <summary>No sites, strings or lists: for scenarios whose code holds everything.</summary>
    public static ScenarioData Empty { get; } = new([], [], []);

    /// <summary>The site of statement <paramref name="index"/> (the generated code's numbering).</summary>
    public Site Site(int index) => _sites[index];

    /// <summary>String <paramref name="index"/>: a note or an expectation text too long to be a literal.</summary>
    public string Text(int index) => _strings[index];

    /// <summary>Page list <paramref name="index"/> of a <c>pages</c> pattern; shared, never written.</summary>
    public long[] Pages(int index) => _lists[index];

    public int SiteCount => _sites.Length;

    /// <summary>
    /// The scenario's path as the user gave it (the report's title, the
    /// expectations' diagnostics): data, not code, so the compiled assembly
    /// is the same wherever the scenario lives.
    /// </summary>
    public string SourcePath { get; init; } = "";

    /// <summary>The trace files of the scenario's <c>trace</c> patterns, resolved beside the .mems file.</summary>
    public IReadOnlyList<TraceSource> Traces { get; init; } = [];

    /// <summary>Trace <paramref name="index"/> of a <c>trace</c> pattern.</summary>
    public TraceSource Trace(int index) => Traces[index];
}
