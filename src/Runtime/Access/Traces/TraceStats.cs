namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// What libCacheSim's traceAnalyzer prints first about a trace, from one
/// streamed pass (<c>memscript trace stats</c>): the requests, the distinct
/// pages, the histogram of LRU stack distances in powers of two (bucket 0:
/// distance 0; bucket k: 2^(k-1) to 2^k - 1; first accesses apart), and from
/// it LRU's miss-ratio curve at every power-of-two cache size up to the
/// distinct pages (exact there: C = 2^j misses the first accesses and the
/// distances of at least 2^j). Pages are the trace's own ids (lackey: the
/// 4 KiB page from the lowest address), as <see cref="TraceCursor"/> reads
/// them over an unbounded region. Memory grows with the distinct pages only.
/// </summary>
public sealed class TraceStats
{
    private TraceStats(long requests, long unique, long[] buckets)
    {
        Requests = requests;
        UniquePages = unique;
        Buckets = buckets;
    }

    public long Requests { get; }

    public long UniquePages { get; }

    /// <summary>Accesses by stack distance: [0] distance 0, [k] 2^(k-1)..2^k-1; first accesses are <see cref="UniquePages"/>.</summary>
    public IReadOnlyList<long> Buckets { get; }

    /// <summary>Reads the whole trace; a bad one throws its MEMS50nn as an <see cref="InvalidDataException"/> with the diagnostic text.</summary>
    public static TraceStats Of(TraceSource source)
    {
        var cursor = new TraceCursor(source, long.MaxValue, 4096, 1);
        var distances = new StackDistances();
        var buckets = new long[65];
        long requests = 0;
        try
        {
            while (cursor.TryNext(out var page))
            {
                requests++;
                var d = distances.Access((ulong)page);
                if (d >= 0)
                    buckets[d == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)d)]++;
            }
        }
        catch (TraceFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        var used = buckets.Length;
        while (used > 1 && buckets[used - 1] == 0)
            used--;
        return new TraceStats(requests, distances.DistinctPages, buckets[..used]);
    }

    /// <summary>LRU's misses with a cache of 2^<paramref name="log2Size"/> pages.</summary>
    public long LruMisses(int log2Size)
    {
        var misses = UniquePages;
        for (var k = log2Size + 1; k < Buckets.Count; k++)
            misses += Buckets[k];
        return misses;
    }

    /// <summary>The cache sizes of the curve: 1, 2, 4, ... up to the first that holds every page.</summary>
    public IReadOnlyList<int> CurveLog2Sizes()
    {
        var sizes = new List<int>();
        for (var j = 0; j < 63; j++)
        {
            sizes.Add(j);
            if (1L << j >= UniquePages)
                break;
        }

        return sizes;
    }
}
