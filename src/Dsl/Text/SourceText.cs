using MemScript.Dsl.Diagnostics;

namespace MemScript.Dsl.Text;

/// <summary>
/// A .mems file (or one <c>--set</c> override) as text with a path. Keeps the
/// offsets of line starts so that a span becomes a 1-based line and column in
/// O(log lines), which is how every diagnostic finds its position.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
    }

    public string Path { get; }

    public string Text { get; }

    public int Length => Text.Length;

    public char this[int index] => Text[index];

    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>The 1-based line holding <paramref name="position"/>.</summary>
    public int GetLine(int position)
    {
        var index = Array.BinarySearch(_lineStarts, position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The 1-based column of <paramref name="position"/> on its line.</summary>
    public int GetColumn(int position) => position - _lineStarts[GetLine(position) - 1] + 1;

    /// <summary>The text of the 1-based <paramref name="line"/> without its line end (LF or CRLF), or null when the text has no such line.</summary>
    public string? GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
            return null;
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        if (line == _lineStarts.Length && start == Text.Length && line > 1)
            return null;
        if (end > start && Text[end - 1] == '\r')
            end--;
        return Text[start..end];
    }

    public SourceLocation GetLocation(TextSpan span)
    {
        var start = Math.Clamp(span.Start, 0, Text.Length);
        return new SourceLocation(Path, GetLine(start), GetColumn(start), span.Length);
    }
}
