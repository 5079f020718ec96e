using System.Text;

namespace MemScript.Compiler.Emit;

/// <summary>
/// A StringBuilder with an indent level, as the System.Text.Json source
/// generator writes its code. The emitter writes C# with it rather than with a
/// template: every statement needs a <c>#line</c> directive at column 0 right
/// before its code and <c>#line hidden</c> right after, interleaved with
/// nesting of any depth, which a template engine's whitespace handling would
/// fight. Lines end with LF only, so the output is byte-for-byte the same on
/// every machine. A directive that no code follows is replaced by the next
/// one, so the output never shows two directives in a row.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;
    private int _pendingDirective = -1;
    private string _lastLine = "";

    /// <summary>The 1-based column where the next line of code starts (after its indentation).</summary>
    public int NextCodeColumn => _indent * 4 + 1;

    /// <summary>The last line of code written, without indentation.</summary>
    public string LastLine => _lastLine;

    public void Line(string text)
    {
        _builder.Append(' ', _indent * 4).Append(text).Append('\n');
        _pendingDirective = -1;
        _lastLine = text;
    }

    public void Blank() => _builder.Append('\n');

    /// <summary>A preprocessor directive: always at column 0.</summary>
    public void Directive(string text)
    {
        if (_pendingDirective >= 0)
        {
            _builder.Length = _pendingDirective;
        }

        _pendingDirective = _builder.Length;
        _builder.Append(text).Append('\n');
    }

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
