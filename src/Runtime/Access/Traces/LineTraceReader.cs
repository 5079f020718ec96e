namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// The line-oriented formats' common part: a 64 KiB buffer refilled from the
/// input, each line handed out as a span into it (its <c>\r</c> dropped),
/// numbered from 1. A line longer than the buffer is MEMS5006. The number
/// parsers here read ASCII digits without allocating.
/// </summary>
internal abstract class LineTraceReader : TraceReader
{
    public const int BufferSize = 1 << 16;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _eof;

    protected LineTraceReader(TraceSource source) : base(source) { }

    /// <summary>The 1-based number of the line last read.</summary>
    protected long Line { get; private set; }

    /// <summary>The next line, false at the end of the file.</summary>
    protected bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                Line++;
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Trim(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                Line++;
                return true;
            }

            if (_start == 0 && _end == _buffer.Length)
                throw Error(1, "MEMS5006", $"the line is longer than {BufferSize / 1024} KiB");
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var n = TraceInput.Fill(Input, _buffer, _end, Source, Line + 1);
            _end += n;
            if (_end < _buffer.Length)
                _eof = true;
        }
    }

    protected TraceFormatException Error(int column, string code, string message) =>
        TraceFormatException.AtLine(Source.DisplayName, Line + (code == "MEMS5006" ? 1 : 0), column, code, message);

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>An unsigned decimal number filling <paramref name="digits"/>; false if it is not one or passes 2^64-1.</summary>
    public static bool TryDecimal(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
            return false;
        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9 || value > (ulong.MaxValue - d) / 10)
                return false;
            value = value * 10 + d;
        }

        return true;
    }

    /// <summary>A hexadecimal number (no prefix) filling <paramref name="digits"/>, at most 16 digits.</summary>
    public static bool TryHex(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 16)
            return false;
        foreach (var c in digits)
        {
            uint d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => (uint)(c - '0'),
                >= (byte)'a' and <= (byte)'f' => (uint)(c - 'a' + 10),
                >= (byte)'A' and <= (byte)'F' => (uint)(c - 'A' + 10),
                _ => 16,
            };
            if (d == 16)
                return false;
            value = value << 4 | d;
        }

        return true;
    }

    /// <summary>A line's text for a message: at most 40 characters, non-printing bytes as '?'.</summary>
    protected static string Show(ReadOnlySpan<byte> text)
    {
        var n = Math.Min(text.Length, 40);
        var chars = new char[n];
        for (var i = 0; i < n; i++)
            chars[i] = text[i] is >= 32 and < 127 ? (char)text[i] : '?';
        return new string(chars) + (text.Length > n ? "..." : "");
    }

    protected static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t';
}
