namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// Turns a trace's requests into page indices of the region, streamed: one
/// reader (one fixed buffer) open at a time, nothing kept per request, so a
/// replay's memory does not depend on the trace's length.
/// <code>
/// text, csv, oracleGeneral: page = id mod pages
///   split: an object of S bytes is ceil(S / 4 KiB) accesses, to pages (id + j) mod pages
/// lackey: page = ((address - base) / page size) mod pages
///   base: the pattern's, else the lowest address in the file (one streamed pass first);
///   an address below the base is MEMS5003
/// </code>
/// With <see cref="TraceSource.UseMarks"/> each access takes its request's
/// mark (<see cref="Mark"/>). <c>times N</c> reads the file N times.
/// </summary>
internal sealed class TraceCursor
{
    public const ulong SplitBytes = 4096;

    private readonly TraceSource _source;
    private readonly long _pageCount;
    private readonly ulong _pageSize;
    private readonly long _passes;
    private TraceReader? _reader;
    private long _pass;
    private ulong _base;
    private bool _baseKnown;
    private TraceRequest _request;
    private ulong _splitLeft;
    private ulong _splitNext;

    public TraceCursor(TraceSource source, long pageCount, ulong pageSize, long passes)
    {
        _source = source;
        _pageCount = pageCount;
        _pageSize = pageSize;
        _passes = passes;
        if (source.Base is { } b)
        {
            _base = b;
            _baseKnown = true;
        }
    }

    /// <summary>The mark of the request the last page came from (null: the statement's own kind).</summary>
    public AccessKind? Mark { get; private set; }

    /// <summary>The next page index, false when every pass is done.</summary>
    public bool TryNext(out long page)
    {
        page = 0;
        if (_pageCount <= 0)
            return false;
        if (_splitLeft > 0)
        {
            _splitLeft--;
            page = (long)(_splitNext++ % (ulong)_pageCount);
            return true;
        }

        while (true)
        {
            if (_reader is null)
            {
                if (_pass >= _passes)
                    return false;
                if (_source.Format == TraceFormat.Lackey && !_baseKnown)
                    FindBase();
                _reader = TraceReader.Create(_source);
            }

            if (_reader.TryRead(ref _request))
                break;
            _reader.Dispose();
            _reader = null;
            _pass++;
        }

        Mark = _source.UseMarks ? _request.Mark : null;
        if (_source.Format == TraceFormat.Lackey)
        {
            if (_request.Id < _base)
                throw TraceFormatException.AtLine(_source.DisplayName, _request.Position, 1, "MEMS5003",
                    FormattableString.Invariant($"address 0x{_request.Id:x} is below the trace's base 0x{_base:x}"));
            page = (long)((_request.Id - _base) / _pageSize % (ulong)_pageCount);
            return true;
        }

        if (_source.Split && _request.Size > SplitBytes)
        {
            _splitLeft = (_request.Size + SplitBytes - 1) / SplitBytes - 1;
            _splitNext = _request.Id + 1;
        }

        page = (long)(_request.Id % (ulong)_pageCount);
        return true;
    }

    /// <summary>The lowest address in a lackey trace: a streamed pass of its own.</summary>
    private void FindBase()
    {
        using var reader = TraceReader.Create(_source);
        var request = default(TraceRequest);
        var lowest = ulong.MaxValue;
        while (reader.TryRead(ref request))
            lowest = Math.Min(lowest, request.Id);
        _base = lowest == ulong.MaxValue ? 0 : lowest & ~(_pageSize - 1);
        _baseKnown = true;
    }
}
