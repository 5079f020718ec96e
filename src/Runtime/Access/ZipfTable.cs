namespace MemScript.Runtime.Access;

/// <summary>
/// The cumulative distribution of a Zipf law over <c>n</c> ranks: rank k
/// (1-based) has weight 1/k^alpha. Built once per access statement; a draw
/// is a binary search, allocation-free. Rank 1 is the region's page 0.
/// Its memory grows with the region (8 bytes a page), so it serves regions of
/// at most <see cref="MaxRanks"/> pages; larger ones draw by
/// <see cref="RejectionInversionZipf"/> in constant memory.
/// </summary>
internal sealed class ZipfTable
{
    /// <summary>The largest region, in pages, drawn from a table (2^16 pages: 512 KiB of table, 256 MiB of 4 KiB pages).</summary>
    public const long MaxRanks = 1 << 16;

    private readonly double[] _cumulative;

    public ZipfTable(long ranks, double alpha)
    {
        _cumulative = new double[Math.Max(1, ranks)];
        var sum = 0.0;
        for (var k = 0; k < _cumulative.Length; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, alpha);
            _cumulative[k] = sum;
        }
    }

    public int Ranks => _cumulative.Length;

    /// <summary>The 0-based page index for a uniform <paramref name="u"/> in [0, 1).</summary>
    public long PageFor(double u)
    {
        var target = u * _cumulative[^1];
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_cumulative[mid] > target)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
}
