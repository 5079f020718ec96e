using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>The buddy allocator behind the frame table: split, merge, the boot layout and the lazy untouched RAM.</summary>
public class BuddyAllocatorTests
{
    private const int Frames64M = 16384;

    private static long[] Orders(params (int Order, long Blocks)[] counts)
    {
        var blocks = new long[FrameTable.DefaultMaxOrder + 1];
        foreach (var (order, count) in counts)
        {
            blocks[order] = count;
        }

        return blocks;
    }

    private static long FreeFramesIn(long[] blocks)
    {
        long frames = 0;
        for (var order = 0; order < blocks.Length; order++)
        {
            frames += blocks[order] << order;
        }

        return frames;
    }

    [Fact]
    public void Fresh64MiBMachine_Shows16MaxOrderBlocks()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);

        Assert.Equal(Orders((10, 16)), kernel.BuddyFreeBlocks());
    }

    [Fact]
    public void OnePageAllocated_SplitsOneMaxOrderBlock_IntoOneBlockOfEachLowerOrder()
    {
        var frames = new FrameTable(Frames64M, 0);

        var pfn = frames.Allocate(FrameKind.Kernel, owner: -1, index: 0);

        Assert.Equal(0, pfn);
        Assert.Equal(Orders((0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (10, 15)), frames.BuddyBlocks());
    }

    [Fact]
    public void OrderZeroAllocations_TakeTheSmallestBlock_SoPagesComeInAddressOrder()
    {
        var frames = new FrameTable(Frames64M, 0);

        var taken = Enumerable.Range(0, 5).Select(_ => frames.Allocate(FrameKind.Kernel, -1, 0)).ToArray();

        Assert.Equal([0, 1, 2, 3, 4], taken);
        Assert.Equal(Orders((0, 1), (1, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (10, 15)), frames.BuddyBlocks());
    }

    [Fact]
    public void Free_MergesWithItsBuddyOnlyWhenTheBuddyIsFree()
    {
        var frames = new FrameTable(Frames64M, 0);
        for (var i = 0; i < 4; i++)
        {
            frames.Allocate(FrameKind.Kernel, -1, 0);
        }

        frames.Free(1);
        var afterFirst = frames.BuddyBlocks();
        frames.Free(0);
        var afterBuddy = frames.BuddyBlocks();

        Assert.Equal(1, afterFirst[0]);
        Assert.Equal(0, afterFirst[1]);
        Assert.Equal(0, afterBuddy[0]);
        Assert.Equal(1, afterBuddy[1]);
        Assert.Equal(0, frames.Allocate(FrameKind.Kernel, -1, 0));
    }

    [Fact]
    public void FreeingEverything_InAnyOrder_MergesBackToMaxOrderBlocks()
    {
        var frames = new FrameTable(Frames64M, 0);
        var taken = new List<int>();
        for (var i = 0; i < 3000; i++)
        {
            taken.Add(frames.Allocate(FrameKind.Kernel, -1, 0));
        }

        var random = new Random(7);
        foreach (var pfn in taken.OrderBy(_ => random.Next()))
        {
            frames.Free(pfn);
        }

        Assert.Equal(Orders((10, 16)), frames.BuddyBlocks());
        Assert.Equal(Frames64M, frames.FreeFrames);
    }

    [Fact]
    public void FreeBlocks_AlwaysAddUpToTheFreeFrames()
    {
        var frames = new FrameTable(5000, 3);
        var held = new List<int>();
        var random = new Random(11);
        for (var step = 0; step < 20000; step++)
        {
            if (held.Count > 0 && (random.Next(3) == 0 || frames.FreeFrames == 0))
            {
                var at = random.Next(held.Count);
                frames.Free(held[at]);
                held[at] = held[^1];
                held.RemoveAt(held.Count - 1);
            }
            else
            {
                held.Add(frames.Allocate(FrameKind.Kernel, -1, 0));
            }

            Assert.Equal(frames.FreeFrames, FreeFramesIn(frames.BuddyBlocks()));
        }

        Assert.Equal(held.Count, held.Distinct().Count());
        Assert.All(held, pfn => Assert.InRange(pfn, 3, 4999));
    }

    [Fact]
    public void BootReservation_IsNeverFree_AndTheFramesUpToTheNextBoundaryAreCutIntoAlignedBlocks()
    {
        var frames = new FrameTable(Frames64M, 257);

        var blocks = frames.BuddyBlocks();

        Assert.Equal(Orders((0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (9, 1), (10, 15)), blocks);
        Assert.Equal(Frames64M - 257, FreeFramesIn(blocks));
        Assert.Equal(257, frames.Allocate(FrameKind.Kernel, -1, 0));
    }

    [Fact]
    public void ThreePageMachine_HasAnOrderOneAndAnOrderZeroBlock_AndUsesTheSmallestFirst()
    {
        var frames = new FrameTable(3, 0);

        Assert.Equal(Orders((0, 1), (1, 1)), frames.BuddyBlocks());
        Assert.Equal(2, frames.Allocate(FrameKind.Kernel, -1, 0));
        Assert.Equal(0, frames.Allocate(FrameKind.Kernel, -1, 0));
        Assert.Equal(1, frames.Allocate(FrameKind.Kernel, -1, 0));
        Assert.Equal(Orders(), frames.BuddyBlocks());
    }

    [Fact]
    public void LargeMachine_CountsUntouchedRamAsMaxOrderBlocks_WithoutMaterializingIt()
    {
        var frames = new FrameTable(4L << 20, 0); // 16 GiB

        Assert.Equal(Orders((10, 4096)), frames.BuddyBlocks());
        Assert.Equal(0, frames.HighWater);

        frames.Allocate(FrameKind.Kernel, -1, 0);

        Assert.Equal(1024, frames.HighWater);
        Assert.Equal(4095, frames.BuddyBlocks()[10]);
    }

    [Fact]
    public void NoFreeFrame_IsAnInternalError_NamingWhatWasNeeded()
    {
        var frames = new FrameTable(2, 0);
        frames.Allocate(FrameKind.Kernel, -1, 0);
        frames.Allocate(FrameKind.Kernel, -1, 0);

        var error = Assert.Throws<OutOfFramesException>(() => frames.Allocate(FrameKind.Kernel, -1, 0, stillNeeded: 5));

        Assert.Contains("internal error", error.Message);
        Assert.Contains("needed 5 more frames", error.Message);
        Assert.DoesNotContain("not modelled", error.Message);
    }

    [Fact]
    public void TouchingAndUnmapping_LeavesTheMachineAsItBooted()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 8UL << 20);
        kernel.Touch(mm, start, 2048);

        var touched = kernel.BuddyFreeBlocks();
        kernel.Munmap(mm, start, 8UL << 20);
        kernel.Exit(mm);

        Assert.True(touched[10] < 16);
        Assert.True(kernel.PcpPages > 0);   // the last frees wait on the per-CPU list, out of buddyinfo
        kernel.DrainPcp();
        Assert.Equal(Orders((10, 16)), kernel.BuddyFreeBlocks());
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MappingTouchingAndUnmapping_Repeatedly_FaultsEveryPageEachTime_AndFreesThemAll()
    {
        var kernel = Boot(m => m.Ram = 1UL << 30);
        var boot = kernel.BuddyFreeBlocks();
        var mm = kernel.Process();
        for (var round = 0; round < 40; round++)
        {
            var start = kernel.MapAnon(mm, 64UL << 20);
            long cost = 0;
            for (var i = 0UL; i < 16384; i++)
            {
                Assert.Equal(FaultResult.Minor, kernel.Access(mm, start + i * Page, AccessKind.Write, ref cost));
            }

            Assert.Equal(Errno.Ok, kernel.Munmap(mm, start, 64UL << 20));
        }

        kernel.Exit(mm);
        kernel.DrainPcp();   // the per-CPU list's pages back to the buddy lists, where they merge
        Assert.Equal(boot, kernel.BuddyFreeBlocks());
        kernel.AssertSelfChecksPass();
    }
}
