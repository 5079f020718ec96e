using MemScript.Runtime.Mm;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The swap device hands out the lowest free slot whatever order slots are
/// freed in (the slot numbers reach swap entries and the self-check), checked
/// against a plain scan over 200,000 seeded allocations and frees.
/// </summary>
public class SwapSlotOrderTests
{
    [Fact]
    public void Allocate_GivesTheLowestFreeSlot_AfterFreesInAnyOrder()
    {
        const int slots = 5000;
        var swap = new SwapArea(slots);
        var used = new bool[slots];
        var rng = new Random(7);
        long free = slots;
        for (var step = 0; step < 200_000; step++)
        {
            if (rng.Next(3) != 0)
            {
                var expected = Array.IndexOf(used, false);
                var got = swap.Allocate();
                Assert.Equal(expected, got);
                if (got < 0)
                {
                    continue;
                }

                swap.AddRef(got);
                used[got] = true;
                free--;
            }
            else
            {
                var s = rng.Next(slots);
                if (used[s])
                {
                    swap.Release(s);
                    used[s] = false;
                    free++;
                }
            }

            Assert.Equal(free, swap.FreeSlots);
        }
    }

    [Fact]
    public void Allocate_ReturnsMinusOne_WhenFull_AndTheFreedSlotAfterwards()
    {
        var swap = new SwapArea(130);
        for (var s = 0; s < 130; s++)
        {
            Assert.Equal(s, swap.Allocate());
            swap.AddRef(s);
        }

        Assert.Equal(-1, swap.Allocate());
        swap.Release(129);
        swap.Release(65);
        Assert.Equal(65, swap.Allocate());
        Assert.Equal(129, swap.Allocate());
        Assert.Equal(-1, swap.Allocate());
    }
}
