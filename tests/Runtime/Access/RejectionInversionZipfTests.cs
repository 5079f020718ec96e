using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Access;

namespace MemScript.Tests.Runtime.Access;

/// <summary>
/// The constant-memory Zipf sampler used past <see cref="ZipfTable.MaxRanks"/>
/// pages: its draws follow the Zipf law, a seed gives one sequence, and a
/// region of any size costs no memory that grows with it.
/// </summary>
public class RejectionInversionZipfTests
{
    private static double[] Frequencies(long ranks, double alpha, int draws, int counted, ulong seed)
    {
        var sampler = new RejectionInversionZipf(ranks, alpha);
        var rng = new SplitMix64(seed);
        var counts = new double[counted + 1];   // the last bucket: every rank past `counted`
        for (var i = 0; i < draws; i++)
        {
            var page = sampler.Next(ref rng);
            Assert.InRange(page, 0, ranks - 1);
            counts[Math.Min(page, counted)]++;
        }
        return counts;
    }

    private static double[] ExactProbabilities(long ranks, double alpha, int counted)
    {
        var weights = new double[counted + 1];
        var total = 0.0;
        for (long k = 1; k <= ranks; k++)
        {
            var w = 1.0 / Math.Pow(k, alpha);
            total += w;
            weights[Math.Min(k - 1, counted)] += w;
        }
        for (var i = 0; i < weights.Length; i++)
            weights[i] /= total;
        return weights;
    }

    [Theory]
    [InlineData(1_000, 1.0)]
    [InlineData(100_000, 0.8)]
    [InlineData(100_000, 1.5)]
    [InlineData(7, 2.0)]
    public void Draws_FollowTheZipfLaw_ChiSquareOverTheTopRanks(long ranks, double alpha)
    {
        const int Draws = 200_000;
        var counted = (int)Math.Min(ranks - 1, 30);
        var observed = Frequencies(ranks, alpha, Draws, counted, seed: 42);
        var expected = ExactProbabilities(ranks, alpha, counted);

        var chiSquare = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var e = expected[i] * Draws;
            if (e > 0)
                chiSquare += (observed[i] - e) * (observed[i] - e) / e;
        }
        // At most 31 degrees of freedom: the 0.999 quantile is 61.1; a wrong law (or an off-by-one rank) is in the thousands.
        Assert.True(chiSquare < 61.1, $"chi-square {chiSquare:F1} over {observed.Length} buckets");
        // Rank 1's share within 1 % (absolute) of the law.
        Assert.InRange(observed[0] / Draws, expected[0] - 0.01, expected[0] + 0.01);
    }

    [Fact]
    public void SameSeed_SameSequence_OtherSeed_OtherSequence()
    {
        static long[] Draw(ulong seed)
        {
            var sampler = new RejectionInversionZipf(1L << 30, 1.0);
            var rng = new SplitMix64(seed);
            var pages = new long[1000];
            for (var i = 0; i < pages.Length; i++)
                pages[i] = sampler.Next(ref rng);
            return pages;
        }

        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }

    [Fact]
    public void SmallRegions_KeepTheTableSequence_LargeOnes_UseTheSampler()
    {
        const ulong Page = 4096;
        var small = new Region(0x10000000, (ulong)ZipfTable.MaxRanks * Page);
        var table = new ZipfTable(ZipfTable.MaxRanks, 1.0);
        var rng = new SplitMix64(3);
        var cursor = new PageCursor(small, AccessPattern.ZipfOf(500, 1.0, 3), 1, Page);
        for (var i = 0; i < 500; i++)
        {
            Assert.True(cursor.TryNext(out var address, out _));
            Assert.Equal(table.PageFor(rng.NextDouble()), (long)((address - small.Start) / Page));
        }

        var large = new Region(0x10000000, (ulong)(ZipfTable.MaxRanks + 1) * Page);
        var sampler = new RejectionInversionZipf(ZipfTable.MaxRanks + 1, 1.0);
        rng = new SplitMix64(3);
        cursor = new PageCursor(large, AccessPattern.ZipfOf(500, 1.0, 3), 1, Page);
        for (var i = 0; i < 500; i++)
        {
            Assert.True(cursor.TryNext(out var address, out _));
            Assert.Equal(sampler.Next(ref rng), (long)((address - large.Start) / Page));
        }
    }

    [Fact]
    public void A4TRegion_DrawsWithoutGrowingMemory()
    {
        const ulong Page = 4096;
        var region = new Region(0x10000000, 4UL << 40);
        // One small draw first, so what a first call loads once (JIT, statics) is not counted.
        var warm = new PageCursor(region, AccessPattern.ZipfOf(1_000, 1.0, 1), 1, Page);
        while (warm.TryNext(out _, out _))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var cursor = new PageCursor(region, AccessPattern.ZipfOf(100_000, 1.0, 1), 1, Page);
        var count = 0;
        while (cursor.TryNext(out _, out _))
            count++;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100_000, count);
        // A table over the region's 2^30 pages would be gigabytes; the cursor is a few objects.
        Assert.True(allocated < 16384, $"{allocated} bytes allocated for a 2^30-page region");
    }

    [Fact]
    public void A4TRegionScenario_Completes()
    {
        const string Text = """
            machine { ram 1G }
            process p {
              a = mmap 4T read
              read a zipf 1 times 100000
            }
            """;
        var compiled = ScenarioCompiler.Compile(new CompileRequest("zipf-4t.mems", Text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var result = Simulator.Run(compiled.Scenario!);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
    }
}
