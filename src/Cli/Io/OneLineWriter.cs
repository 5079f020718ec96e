using MemScript.Dsl.Text;

namespace MemScript.Cli.Io;

/// <summary>
/// Standard error as the commands see it: every line break in it is one
/// <c>WriteLine</c> wrote; anything else that would break or rewrite a line
/// (CR, LF, U+2029, other controls) in the text written is escaped with
/// <see cref="OneLine"/>. So every message, a diagnostic, a usage error that
/// echoes an option or a <c>--set</c> value, a file error naming a path, is
/// one line whatever input text it carries; a caller with several lines
/// writes them one <c>WriteLine</c> each.
/// </summary>
public sealed class OneLineWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (OneLine.IsUnsafe(value))
            inner.Write(OneLine.Escape(value.ToString()));
        else
            inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(OneLine.Escape(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(OneLine.Escape(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    /// <summary>A line whose input text the caller has escaped already and which carries terminal colour escapes of its own.</summary>
    public void WriteLineAsIs(string line) => inner.WriteLine(line);

    /// <summary>Terminal control text of the caller's own (a progress line redrawn with a carriage return), written as it is.</summary>
    public void WriteAsIs(string text) => inner.Write(text);

    public override void Flush() => inner.Flush();
}
