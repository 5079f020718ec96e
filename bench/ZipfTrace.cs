namespace MemScript.Bench;

/// <summary>
/// A Zipf reference string for the policy benchmarks: ranks drawn by
/// inverting the cumulative weights 1/k^s with a seeded generator, page
/// numbers scattered so that popular pages are not neighbours.
/// </summary>
internal static class ZipfTrace
{
    public static int[] Make(int length, int pages, double s, int seed)
    {
        var cdf = new double[pages];
        var sum = 0.0;
        for (var k = 0; k < pages; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, s);
            cdf[k] = sum;
        }

        // Page numbers are scattered so that popular pages are not neighbours.
        var random = new Random(seed);
        var shuffle = Enumerable.Range(0, pages).ToArray();
        random.Shuffle(shuffle);
        var trace = new int[length];
        for (var i = 0; i < length; i++)
        {
            var rank = Array.BinarySearch(cdf, random.NextDouble() * sum);
            trace[i] = shuffle[Math.Min(rank < 0 ? ~rank : rank, pages - 1)];
        }

        return trace;
    }
}
