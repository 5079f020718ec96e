namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// libCacheSim's csv traces: one request per line, fields split by the
/// delimiter (<see cref="CsvColumns"/>), a field in double quotes taken
/// without them. The id field is the object id: a decimal number as is,
/// anything else hashed (64-bit FNV-1a of its bytes, as libCacheSim hashes
/// ids that are not numbers). The size and next-access fields, when named,
/// must be numbers (next access -1: never). With no <c>has-header</c> given,
/// the first line is a header when its id field is not a number. Like
/// libCacheSim's <c>cachesim</c>, a request of size 0 is skipped. A line
/// with too few fields or a bad number is MEMS5004.
/// </summary>
internal sealed class CsvTraceReader : LineTraceReader
{
    private readonly CsvColumns _columns;
    private readonly int _lastColumn;

    public CsvTraceReader(TraceSource source) : base(source)
    {
        _columns = source.Csv ?? CsvColumns.Default;
        _lastColumn = Math.Max(Math.Max(_columns.IdColumn, _columns.SizeColumn), _columns.NextAccessColumn);
    }

    public override bool TryRead(ref TraceRequest request)
    {
        while (NextLine(out var line))
        {
            if (line.IsEmpty)
                continue;
            ReadOnlySpan<byte> id = default, size = default, next = default;
            var column = 0;
            var rest = line;
            var found = 0;
            while (column < _lastColumn)
            {
                column++;
                var at = rest.IndexOf(_columns.Delimiter);
                var field = at < 0 ? rest : rest[..at];
                field = Unquote(field);
                if (column == _columns.IdColumn)
                    id = field;
                if (column == _columns.SizeColumn)
                    size = field;
                if (column == _columns.NextAccessColumn)
                    next = field;
                found = column;
                if (at < 0)
                    break;
                rest = rest[(at + 1)..];
            }

            var numericId = TryDecimal(id, out var value);
            if (Line == 1 && (_columns.HasHeader == true || _columns.HasHeader is null && !numericId))
                continue;
            if (found < _lastColumn)
                throw Error(1, "MEMS5004", $"the line has {found} field{(found == 1 ? "" : "s")}, the trace's columns need {_lastColumn}");
            if (!numericId)
                value = Fnv1a(id);
            uint objectSize = 0;
            if (_columns.SizeColumn > 0)
            {
                if (!TryDecimal(size, out var s))
                    throw Error(1, "MEMS5004", $"the size field (column {_columns.SizeColumn}) '{Show(size)}' is not a number");
                if (s == 0)
                    continue;
                objectSize = (uint)Math.Min(s, uint.MaxValue);
            }

            long nextAccess = -1;
            if (_columns.NextAccessColumn > 0)
            {
                if (next.SequenceEqual("-1"u8))
                    nextAccess = long.MaxValue;
                else if (TryDecimal(next, out var n))
                    nextAccess = n > long.MaxValue ? long.MaxValue : (long)n;
                else
                    throw Error(1, "MEMS5004", $"the next-access field (column {_columns.NextAccessColumn}) '{Show(next)}' is not a number");
            }

            request.Id = value;
            request.Size = objectSize;
            request.NextAccess = nextAccess;
            request.Mark = null;
            request.Position = Line;
            return true;
        }

        return false;
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
    {
        var start = 0;
        var end = field.Length;
        while (start < end && IsSpace(field[start]))
            start++;
        while (end > start && IsSpace(field[end - 1]))
            end--;
        field = field[start..end];
        return field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"' ? field[1..^1] : field;
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
