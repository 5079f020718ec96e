using System.Text;

namespace MemScript.Compiler.Emit;

/// <summary>
/// A StringBuilder with an indent level, as the System.Text.Json source
/// generator writes its code. The emitter writes C# with it rather than with a
/// template: every statement needs a <c>#line</c> directive at column 0 right
/// before its code and <c>#line hidden</c> right after, interleaved with
/// nesting of any depth, which a template engine's whitespace handling would
/// fight. Lines end with LF only, so the output is byte-for-byte the same on
/// every machine.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text)
    {
        _builder.Append(' ', _indent * 4).Append(text).Append('\n');
    }

    public void Blank() => _builder.Append('\n');

    /// <summary>A preprocessor directive: always at column 0.</summary>
    public void Directive(string text) => _builder.Append(text).Append('\n');

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
