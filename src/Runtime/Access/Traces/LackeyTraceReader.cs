namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// Valgrind lackey's <c>--trace-mem=yes</c> output: <c>I  ADDR,SIZE</c> (an
/// instruction fetch), <c> L ADDR,SIZE</c> (a load), <c> S ADDR,SIZE</c> (a
/// store), <c> M ADDR,SIZE</c> (a modify: a load and a store of the same
/// bytes, one write access to the page), ADDR in hexadecimal. Valgrind's
/// own lines (<c>==PID== ...</c>, <c>--PID-- ...</c>) and blank lines are
/// skipped; any other line is MEMS5002. The request's id is the address of
/// its first byte (an access that crosses a page boundary counts for the
/// page it starts in); its mark is exec, read or write.
/// </summary>
internal sealed class LackeyTraceReader(TraceSource source) : LineTraceReader(source)
{
    public override bool TryRead(ref TraceRequest request)
    {
        while (NextLine(out var line))
        {
            var i = 0;
            while (i < line.Length && IsSpace(line[i]))
                i++;
            if (i == line.Length)
                continue;
            if (line.Length - i >= 2 && (line[i] == (byte)'=' && line[i + 1] == (byte)'=' || line[i] == (byte)'-' && line[i + 1] == (byte)'-'))
                continue;
            AccessKind mark;
            switch (line[i])
            {
                case (byte)'I': mark = AccessKind.Exec; break;
                case (byte)'L': mark = AccessKind.Read; break;
                case (byte)'S' or (byte)'M': mark = AccessKind.Write; break;
                default: throw Bad(line, i);
            }

            var j = i + 1;
            while (j < line.Length && IsSpace(line[j]))
                j++;
            var comma = line[j..].IndexOf((byte)',');
            if (j == i + 1 || comma <= 0 || !TryHex(line.Slice(j, comma), out var address))
                throw Bad(line, i);
            var sizeText = line[(j + comma + 1)..];
            var end = sizeText.Length;
            while (end > 0 && IsSpace(sizeText[end - 1]))
                end--;
            if (!TryDecimal(sizeText[..end], out var size))
                throw Bad(line, i);
            request.Id = address;
            request.Size = (uint)Math.Min(size, uint.MaxValue);
            request.NextAccess = -1;
            request.Mark = mark;
            request.Position = Line;
            return true;
        }

        return false;
    }

    private TraceFormatException Bad(ReadOnlySpan<byte> line, int column) =>
        Error(column + 1, "MEMS5002", $"'{Show(line[column..])}' is not a lackey line (I, L, S or M, then ADDRESS,SIZE)");
}
