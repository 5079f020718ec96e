using System.Text;

namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// Accumulates report lines with LF endings. Blank lines are collapsed (never
/// two in a row, none at the start), and the result ends with exactly one
/// newline, so sections can each ask for a separating blank line without
/// counting.
/// </summary>
internal sealed class LineWriter
{
    private readonly StringBuilder _text = new();
    private bool _lastBlank = true;

    /// <summary>Writes a line as is (snapshot lines keep the kernel's trailing spaces).</summary>
    public void Line(string line)
    {
        _text.Append(line).Append('\n');
        _lastBlank = false;
    }

    /// <summary>Writes a line built from padded columns, without its trailing spaces.</summary>
    public void Row(string row) => Line(row.TrimEnd(' '));

    /// <summary>A separating blank line, unless one was just written.</summary>
    public void Blank()
    {
        if (_lastBlank)
            return;
        _text.Append('\n');
        _lastBlank = true;
    }

    public override string ToString()
    {
        var s = _text.ToString().TrimEnd('\n');
        return s + "\n";
    }
}
