using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// OPT's heap of resident pages by next use always gives the page used
/// furthest ahead, through any mix of adds and removes (checked against a
/// sorted set), and holds only what was put in.
/// </summary>
public sealed class NextUseHeapTests
{
    [Fact]
    public void Max_IsTheFurthestNextUse_ThroughRandomAddsAndRemoves()
    {
        var random = new Random(5);
        var heap = new NextUseHeap();
        var model = new SortedDictionary<int, int>();   // position -> pfn
        var positionOf = new Dictionary<int, int>();
        var nextPosition = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var pfn = random.Next(300);
            if (positionOf.TryGetValue(pfn, out var position))
            {
                heap.Remove(pfn);
                model.Remove(position);
                positionOf.Remove(pfn);
            }
            else
            {
                position = (nextPosition += random.Next(1, 50)) % 100_000 * 300 + pfn;   // distinct
                heap.Add(pfn, position);
                model.Add(position, pfn);
                positionOf.Add(pfn, position);
            }

            Assert.Equal(model.Count, heap.Count);
            Assert.Equal(model.Count == 0 ? -1 : model.Last().Value, heap.Max);
        }
    }
}
