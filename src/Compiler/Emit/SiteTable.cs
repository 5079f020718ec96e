using MemScript.Dsl.Text;
using MemScript.Runtime;

namespace MemScript.Compiler.Emit;

/// <summary>
/// The statement sites of a scenario: one <see cref="Site"/> per statement
/// (line, column and its source text, for the report), numbered in the order
/// the emitter first meets them. The sites travel in the run-time
/// <see cref="ScenarioData"/>, not in the generated code, which refers to
/// site N as <c>d.Site(N)</c>: a statement's text may be of any length.
/// </summary>
internal sealed class SiteTable
{
    private readonly Dictionary<int, int> _byStart = new();
    private readonly List<Site> _sites = new();
    private readonly SourceText _text;

    public SiteTable(SourceText text) => _text = text;

    public IReadOnlyList<Site> All => _sites;

    /// <summary>The site's number, the same for every call with a span starting at the same place.</summary>
    public int IndexOf(TextSpan span)
    {
        if (!_byStart.TryGetValue(span.Start, out var index))
        {
            index = _sites.Count;
            _sites.Add(new Site(_text.GetLine(span.Start), _text.GetColumn(span.Start), _text.ToString(span)));
            _byStart.Add(span.Start, index);
        }

        return index;
    }

    /// <summary>The C# expression for the site of <paramref name="span"/>.</summary>
    public string Get(TextSpan span) => "d.Site(" + IndexOf(span).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}
