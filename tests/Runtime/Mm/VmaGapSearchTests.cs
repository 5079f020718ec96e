using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// get_unmapped_area through the VMA gap tree: the addresses are the
/// top-down first fit's (checked against a walk of /proc/PID/maps), and
/// finding a range visits O(log n) tree nodes, not every VMA: a search that
/// walked the list would make creating n mappings cost n squared.
/// </summary>
public class VmaGapSearchTests
{
    [Fact]
    public void ThousandsOfUnmergeableMappings_EachPlacedBelowTheLast_VisitingAFewNodesEach()
    {
        var kernel = Boot(m => m.Ram = 256UL << 20);
        var mm = kernel.Process();
        var previous = 0UL;
        var visitedBefore = 0L;
        for (var i = 0; i < 4096; i++)
        {
            if (i == 3072)
            {
                visitedBefore = kernel.VmaNodesVisited(mm);
            }

            var start = kernel.MapAnon(mm, Page, write: i % 2 == 0);   // alternate protections: no merge
            if (i > 0)
            {
                Assert.Equal(previous - Page, start);
            }

            previous = start;
        }

        Assert.Equal(4096 + 3, kernel.Maps(mm).Count);
        var perMmap = (kernel.VmaNodesVisited(mm) - visitedBefore) / 1024.0;
        Assert.True(perMmap < 64, $"{perMmap:F1} gap-tree nodes visited per mmap with 3,000 to 4,000 VMAs (a walk visits them all)");
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MapsAndUnmapsOfMixedSizes_GetTheTopDownFirstFitOfTheMaps()
    {
        var kernel = Boot(m => m.Ram = 256UL << 20);
        var mm = kernel.Process();
        var random = new Random(12);
        var mapped = new List<(ulong Start, ulong Length)>();
        for (var step = 0; step < 600; step++)
        {
            if (mapped.Count > 0 && random.Next(3) == 0)
            {
                var victim = random.Next(mapped.Count);
                Assert.Equal(Errno.Ok, kernel.Munmap(mm, mapped[victim].Start, mapped[victim].Length));
                mapped.RemoveAt(victim);
                continue;
            }

            var length = (ulong)random.Next(1, 9) * Page * (random.Next(8) == 0 ? 512UL : 1UL);   // now and then a multiple of 2 MiB: aligned
            var expected = TopDownFirstFit(kernel.Maps(mm), length, length % (2UL << 20) == 0 ? 2UL << 20 : Page);
            var start = kernel.MapAnon(mm, length, write: random.Next(2) == 0);
            Assert.Equal(expected, start);
            mapped.Add((start, length));
        }

        kernel.AssertSelfChecksPass();
    }

    /// <summary>The search as a walk of the maps from the top (arch_get_unmapped_area_topdown on a list).</summary>
    private static ulong TopDownFirstFit(IReadOnlyList<VmaInfo> maps, ulong length, ulong align)
    {
        var ceiling = VmaList.MmapBase;
        for (var i = maps.Count - 1; i >= -1; i--)
        {
            var floor = i >= 0 ? maps[i].End : VmaList.MinAddress;
            if (floor <= ceiling && ceiling >= length)
            {
                var start = (ceiling - length) & ~(align - 1);
                if (start >= floor)
                {
                    return start;
                }
            }

            if (i >= 0)
            {
                ceiling = Math.Min(ceiling, maps[i].Start);
            }
        }

        return 0;
    }
}
