using MemScript.Dsl.Text;

namespace MemScript.Compiler.Emit;

/// <summary>
/// The <c>Site</c> fields of the generated class: one per statement, named
/// after its position (<c>S12_5</c> is line 12, column 5), holding the
/// statement's text for the report. Written at the end of the class in
/// position order.
/// </summary>
internal sealed class SiteTable
{
    private readonly SortedDictionary<int, (string Name, int Line, int Column, string Text)> _sites = new();
    private readonly SourceText _text;

    public SiteTable(SourceText text) => _text = text;

    public string Get(TextSpan span)
    {
        if (!_sites.TryGetValue(span.Start, out var site))
        {
            var line = _text.GetLine(span.Start);
            var column = _text.GetColumn(span.Start);
            site = ($"S{line}_{column}", line, column, _text.ToString(span));
            _sites.Add(span.Start, site);
        }

        return site.Name;
    }

    public void Write(SourceWriter writer)
    {
        foreach (var (name, line, column, text) in _sites.Values)
        {
            writer.Line($"private static readonly {CSharpNames.Rt}Site {name} = new({line}, {column}, {CSharpNames.Literal(text)});");
        }
    }
}
