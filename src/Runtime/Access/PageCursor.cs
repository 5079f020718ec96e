namespace MemScript.Runtime.Access;

/// <summary>
/// Walks the addresses one access statement touches, one page access at a
/// time, so the scheduler can stop it between two accesses and resume it
/// exactly there. Page i of a region is the i-th page the range covers,
/// counted from its start (from its top for a <see cref="Region.Downward"/>
/// region: the stack). Every pattern yields an address inside that page
/// (clamped to the region), except <c>pages</c> indices out of range, which
/// are reported as invalid; on the stack they are accessed where they are, below
/// the limit, and the kernel refuses the growth. <c>times N</c> repeats the identical pass N times
/// (random and zipf passes replay the same seeded draws). A zipf draw reads a
/// <see cref="ZipfTable"/> up to <see cref="ZipfTable.MaxRanks"/> pages, else
/// a constant-memory <see cref="RejectionInversionZipf"/>.
/// Allocates nothing per access.
/// </summary>
internal sealed class PageCursor
{
    private readonly Region _region;
    private readonly AccessPattern _pattern;
    private readonly ulong _pageSize;
    private readonly ulong _firstPage;
    private readonly long _pageCount;
    private readonly long _perPass;
    private readonly long _passes;
    private readonly ZipfTable? _zipf;
    private readonly RejectionInversionZipf _zipfLarge;
    private readonly Traces.TraceCursor? _trace;
    private SplitMix64 _rng;
    private long _pass;
    private long _index;

    public PageCursor(Region region, AccessPattern pattern, long times, ulong pageSize)
    {
        _region = region;
        _pattern = pattern;
        _pageSize = pageSize;
        _passes = Math.Max(0, times);
        if (region.Length > 0)
        {
            _firstPage = region.Start / pageSize;
            _pageCount = (long)((region.End - 1) / pageSize - _firstPage + 1);
        }
        _perPass = pattern.Kind switch
        {
            PatternKind.Sequential => _pageCount,
            PatternKind.Stride when pattern.Stride == 0 => _pageCount,
            PatternKind.Stride => region.Length == 0 ? 0 : (long)((region.Length - 1) / pattern.Stride + 1),   // no overflow near 2^64
            PatternKind.Random or PatternKind.Zipf => _pageCount == 0 ? 0 : Math.Max(0, pattern.Count),
            PatternKind.Pages => pattern.Pages?.Length ?? 0,
            _ => 0,
        };
        if (pattern.Kind == PatternKind.Zipf && _perPass > 0)
        {
            if (_pageCount <= ZipfTable.MaxRanks)
                _zipf = new ZipfTable(_pageCount, pattern.Alpha);
            else
                _zipfLarge = new RejectionInversionZipf(_pageCount, pattern.Alpha);
        }
        _rng = new SplitMix64((ulong)pattern.Seed);
        if (pattern is { Kind: PatternKind.Trace, Trace: { } trace })
            _trace = new Traces.TraceCursor(trace, _pageCount, pageSize, _passes);
    }

    /// <summary>For a trace replayed with its own marks: the kind of the access just made (null: the statement's).</summary>
    public AccessKind? Mark => _trace?.Mark;

    /// <summary>Pages the region covers.</summary>
    public long PageCount => _pageCount;

    /// <summary>Accesses in all passes.</summary>
    public long Total => _perPass != 0 && _passes > long.MaxValue / _perPass ? long.MaxValue : _perPass * _passes;

    /// <summary>The next address; false when the statement is done. <paramref name="invalid"/>: outside the region.</summary>
    public bool TryNext(out ulong address, out bool invalid)
    {
        invalid = false;
        address = 0;
        if (_trace != null)
        {
            if (!_trace.TryNext(out var tracePage))
                return false;
            address = PageAddress(tracePage);
            return true;
        }
        if (_index == _perPass)
        {
            if (_perPass == 0 || _pass + 1 >= _passes)
                return false;
            _pass++;
            _index = 0;
            _rng = new SplitMix64((ulong)_pattern.Seed);
        }
        if (_passes == 0)
            return false;
        var k = _index++;
        switch (_pattern.Kind)
        {
            case PatternKind.Stride when _pattern.Stride > 0:
                var offset = (ulong)k * _pattern.Stride;
                address = _region.Downward ? _region.End - 1 - offset : _region.Start + offset;
                return true;
            case PatternKind.Random:
                address = PageAddress((long)_rng.NextBelow((ulong)_pageCount));
                return true;
            case PatternKind.Zipf:
                address = PageAddress(_zipf != null ? _zipf.PageFor(_rng.NextDouble()) : _zipfLarge.Next(ref _rng));
                return true;
            case PatternKind.Pages:
                var page = _pattern.Pages![k];
                if (page < 0 || page >= _pageCount)
                {
                    // Below the stack's limit the kernel decides (growth past RLIMIT_STACK is SEGV_MAPERR there).
                    invalid = !_region.Downward;
                    address = OutsideAddress(page);
                    return true;
                }
                address = PageAddress(page);
                return true;
            default:
                address = PageAddress(k);
                return true;
        }
    }

    /// <summary>An address in page <paramref name="index"/> of the region, clamped into the region.</summary>
    public ulong PageAddress(long index)
    {
        var page = _region.Downward ? _firstPage + (ulong)(_pageCount - 1 - index) : _firstPage + (ulong)index;
        var address = page * _pageSize;
        if (address < _region.Start)
            return _region.Start;
        return address >= _region.End ? _region.End - 1 : address;
    }

    private ulong OutsideAddress(long index)
    {
        var bytes = (ulong)index * _pageSize;   // wraps for negative indices, as pointer arithmetic would
        return _region.Downward ? _region.End - 1 - bytes : _region.Start + bytes;
    }
}
