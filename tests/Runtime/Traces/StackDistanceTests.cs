using MemScript.Runtime.Access.Traces;
using MemScript.Tests.Runtime.Reclaim;

namespace MemScript.Tests.Runtime.Traces;

/// <summary>
/// LRU stack distances against a straightforward LRU stack, and the one-pass
/// miss-ratio curve against LRU simulated at each size.
/// </summary>
public sealed class StackDistanceTests
{
    [Fact]
    public void Distances_AreThoseOfAnLruStack_AcrossWindowCompactions()
    {
        var refs = TraceFixtures.RandomString(seed: 5, length: 20_000, pages: 700);   // far past the first 1,024-slot window
        var stack = new List<int>();
        var distances = new StackDistances();
        foreach (var page in refs)
        {
            var at = stack.IndexOf(page);
            Assert.Equal(at < 0 ? StackDistances.Cold : at, distances.Access((ulong)page));
            if (at >= 0)
                stack.RemoveAt(at);
            stack.Insert(0, page);
        }

        Assert.Equal(700, distances.DistinctPages);
    }

    [Fact]
    public void MissRatioCurve_EqualsLruAtEachPowerOfTwo()
    {
        var folder = TraceFixtures.NewFolder();
        var refs = TraceFixtures.RandomString(seed: 9, length: 5_000, pages: 300);
        var path = Path.Combine(folder, "r.txt");
        TraceFixtures.WriteText(path, refs);

        var stats = TraceStats.Of(new MemScript.Runtime.TraceSource(path, "r.txt", MemScript.Runtime.TraceFormat.Text, false));

        Assert.Equal(5_000, stats.Requests);
        Assert.Equal(refs.Distinct().Count(), stats.UniquePages);
        foreach (var j in stats.CurveLog2Sizes())
            Assert.Equal(ReferencePolicies.Lru(1 << j, refs), stats.LruMisses(j));
    }
}
