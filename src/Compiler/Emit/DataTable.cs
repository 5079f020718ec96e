using System.Globalization;
using MemScript.Runtime;
using static MemScript.Compiler.Emit.CSharpNames;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Decides what stays a literal in the generated C# and what moves to the
/// run-time <see cref="ScenarioData"/>: short strings and short <c>pages</c>
/// lists stay in the code, where <c>memscript emit</c> shows them; long ones,
/// and every string once the literals reach <see cref="LiteralBudget"/>
/// characters, become <c>d.Text(N)</c> and <c>d.Pages(N)</c>. The assembly's
/// string heap (16 MiB) then never fills, whatever the scenario's size.
/// </summary>
internal sealed class DataTable
{
    /// <summary>Strings up to this length may be literals.</summary>
    public const int MaxLiteralLength = 200;

    /// <summary>Page lists up to this many entries are written in the code.</summary>
    public const int MaxInlinePages = 32;

    /// <summary>Characters of user strings the code may hold in all (a quarter of the string heap at most).</summary>
    public const int LiteralBudget = 1 << 20;

    private readonly List<string> _strings = new();
    private readonly List<long[]> _lists = new();
    private readonly List<TraceSource> _traces = new();
    private long _literalChars;

    /// <summary>A C# expression for a user string: its literal, or its entry in the data.</summary>
    public string String(string value)
    {
        if (value.Length <= MaxLiteralLength && _literalChars + value.Length <= LiteralBudget)
        {
            _literalChars += value.Length;
            return Literal(value);
        }

        _strings.Add(value);
        return "d.Text(" + (_strings.Count - 1).ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The arguments of <c>AccessPattern.PagesOf</c>: the indices, or their list in the data.</summary>
    public string Pages(long[] pages)
    {
        if (pages.Length <= MaxInlinePages)
            return string.Join(", ", pages.Select(Long));

        _lists.Add(pages);
        return "d.Pages(" + (_lists.Count - 1).ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>A trace pattern's file: always in the data, so the code (and its cache key) does not name the scenario's folder.</summary>
    public string Trace(TraceSource trace)
    {
        _traces.Add(trace);
        return "d.Trace(" + (_traces.Count - 1).ToString(CultureInfo.InvariantCulture) + ")";
    }

    public ScenarioData Build(IReadOnlyList<Site> sites, string sourcePath) => new(sites, _strings, _lists) { Traces = [.. _traces], SourcePath = sourcePath };
}
