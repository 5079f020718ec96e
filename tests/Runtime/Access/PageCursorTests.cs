using MemScript.Runtime;
using MemScript.Runtime.Access;

namespace MemScript.Tests.Runtime.Access;

public class PageCursorTests
{
    private const ulong Page = 4096;
    private const ulong Base = 0x7ffff7000000;

    private static List<long> PagesOf(Region region, AccessPattern pattern, long times = 1)
    {
        var cursor = new PageCursor(region, pattern, times, Page);
        var pages = new List<long>();
        while (cursor.TryNext(out var address, out var invalid))
        {
            Assert.False(invalid);
            pages.Add((long)(address / Page) - (long)(region.Start / Page));
        }
        return pages;
    }

    [Fact]
    public void Sequential_VisitsEveryCoveredPage_Ascending()
    {
        var region = new Region(Base + 672, 64 * 1024);
        Assert.Equal(Enumerable.Range(0, 17).Select(i => (long)i), PagesOf(region, AccessPattern.Sequential));
    }

    [Fact]
    public void Sequential_OnDownwardRegion_VisitsPagesFromTheTop()
    {
        var region = new Region(Base, 4 * Page, Downward: true);
        Assert.Equal(new long[] { 3, 2, 1, 0 }, PagesOf(region, AccessPattern.Sequential));
    }

    [Fact]
    public void Stride_AccessesEveryStrideBytes()
    {
        var region = new Region(Base, 16 * Page);
        Assert.Equal(new long[] { 0, 4, 8, 12 }, PagesOf(region, AccessPattern.StrideOf(4 * Page)));
        Assert.Equal(new long[] { 0, 0, 1, 1 }, PagesOf(new Region(Base, 2 * Page), AccessPattern.StrideOf(Page / 2)));
    }

    [Fact]
    public void Pages_FollowsTheListedOrder_AndTimesRepeatsIt()
    {
        var region = new Region(Base, 8 * Page);
        Assert.Equal(new long[] { 7, 0, 1, 7, 0, 1 }, PagesOf(region, AccessPattern.PagesOf(7, 0, 1), times: 2));
    }

    [Fact]
    public void Pages_OutOfRange_IsReportedInvalid()
    {
        var cursor = new PageCursor(new Region(Base, 2 * Page), AccessPattern.PagesOf(1, 2), 1, Page);
        Assert.True(cursor.TryNext(out _, out var first));
        Assert.False(first);
        Assert.True(cursor.TryNext(out var address, out var second));
        Assert.True(second);
        Assert.Equal(Base + 2 * Page, address);
    }

    [Fact]
    public void Random_IsDeterministicPerSeed_AndStaysInRegion()
    {
        var region = new Region(Base, 100 * Page);
        var a = PagesOf(region, AccessPattern.RandomOf(200, 7));
        var b = PagesOf(region, AccessPattern.RandomOf(200, 7));
        var c = PagesOf(region, AccessPattern.RandomOf(200, 8));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(200, a.Count);
        Assert.All(a, p => Assert.InRange(p, 0, 99));
        Assert.True(a.Distinct().Count() > 50);
    }

    [Fact]
    public void Zipf_FavoursLowRanks()
    {
        var region = new Region(Base, 100 * Page);
        var pages = PagesOf(region, AccessPattern.ZipfOf(10_000, 1.0, 3));
        var counts = pages.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(counts[0] > counts[1]);
        Assert.True(counts[1] > counts.GetValueOrDefault(9));
        // Rank 1 carries 1/H(100) of the mass, about 19 %.
        Assert.InRange(counts[0], 1500, 2300);
    }

    [Fact]
    public void EmptyRegion_HasNoAccesses()
    {
        Assert.Empty(PagesOf(new Region(Base, 0), AccessPattern.Sequential));
        Assert.Empty(PagesOf(new Region(Base, Page), AccessPattern.Sequential, times: 0));
    }
}
