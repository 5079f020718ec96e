using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

public class PositionSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(5000)]
    [InlineData(300_000)]
    public void HighestAtOrBelow_AgreesWithASortedSet_UnderAddsAndRemoves(int size)
    {
        var set = new PositionSet(size);
        var reference = new SortedSet<int>();
        var random = new Random(size);
        for (var step = 0; step < 4000; step++)
        {
            var position = random.Next(size);
            if (reference.Contains(position))
            {
                set.Remove(position);
                reference.Remove(position);
            }
            else
            {
                set.Add(position);
                reference.Add(position);
            }

            var limit = random.Next(-1, size + 10);
            var below = reference.GetViewBetween(int.MinValue, limit);
            Assert.Equal(below.Count == 0 ? -1 : below.Max, set.HighestAtOrBelow(limit));
        }
    }

    [Fact]
    public void EmptySet_HasNoHighest() => Assert.Equal(-1, new PositionSet(1000).HighestAtOrBelow(int.MaxValue));
}
