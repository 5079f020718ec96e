namespace MemScript.Runtime;

/// <summary>
/// Where in the scenario something happens: the .mems line and column of a
/// statement and its source text. The report prints the line with who ran it
/// (<c>web:5</c>); inside a message the site reads <c>line 5</c>.
/// The runtime never parses it; it only carries it into the report.
/// </summary>
public sealed record Site(int Line, int Column, string Text)
{
    /// <summary>For things that have no place in the source (kswapd, the scheduler).</summary>
    public static readonly Site None = new(0, 0, "");

    public override string ToString() => $"line {Line}";
}
