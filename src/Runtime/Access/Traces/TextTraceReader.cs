namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// Plain text: one page index (a non-negative decimal integer) per line.
/// Blank lines and everything from a <c>#</c> to the end of its line are
/// skipped, as are spaces and tabs around the number; anything else is
/// MEMS5001 at its line and column.
/// </summary>
internal sealed class TextTraceReader(TraceSource source) : LineTraceReader(source)
{
    public override bool TryRead(ref TraceRequest request)
    {
        while (NextLine(out var line))
        {
            var hash = line.IndexOf((byte)'#');
            if (hash >= 0)
                line = line[..hash];
            var start = 0;
            while (start < line.Length && IsSpace(line[start]))
                start++;
            var end = line.Length;
            while (end > start && IsSpace(line[end - 1]))
                end--;
            if (start == end)
                continue;
            if (!TryDecimal(line[start..end], out var page))
                throw Error(start + 1, "MEMS5001", $"'{Show(line[start..end])}' is not a page index (a non-negative integer)");
            request.Id = page;
            request.Size = 0;
            request.NextAccess = -1;
            request.Mark = null;
            request.Position = Line;
            return true;
        }

        return false;
    }
}
