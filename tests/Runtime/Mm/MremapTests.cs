using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// mremap(MREMAP_MAYMOVE) of private anonymous memory: the pages move with
/// their contents and no fault is taken (MODEL.md 3: realloc 1M -> 2M, 0
/// faults, RSS unchanged); swap entries, map counts, the reverse map and the
/// content stamps survive the move.
/// </summary>
public class MremapTests
{
    private const ulong OneMiBChunk = 257 * Page;   // what malloc 1M maps
    private const ulong TwoMiBChunk = 513 * Page;   // what realloc to 2M asks for

    private static Kernel WithSwap() => BootFifo(m =>
    {
        m.Ram = 16UL << 20;
        m.Swap = 16UL << 20;
        m.Overcommit = OvercommitMode.Always;
    });

    [Fact]
    public void Growing_MovesThePagesWithTheirContents_WithoutAFault()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, OneMiBChunk);
        kernel.Touch(mm, start, 257);
        var before = kernel.Status(mm);

        var moved = kernel.Mremap(mm, start, OneMiBChunk, TwoMiBChunk, out var error);

        Assert.Equal(Errno.Ok, error);
        Assert.NotEqual(start, moved);
        var after = kernel.Status(mm);
        Assert.Equal(before.RssAnon, after.RssAnon);
        Assert.Equal(before.VmSize + 256 * Page, after.VmSize);
        for (var i = 0UL; i < 257; i++)
        {
            Assert.Equal(FaultResult.Hit, kernel.Once(mm, moved + i * Page, AccessKind.Read));
        }

        Assert.Equal(before.MinFlt, kernel.Status(mm).MinFlt);
        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, start, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Growing_FreesThePageTablesOfTheOldRange()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, OneMiBChunk);
        kernel.Touch(mm, start, 257);
        var tables = kernel.Status(mm).VmPte;

        var moved = kernel.Mremap(mm, start, OneMiBChunk, TwoMiBChunk, out _);

        // 0x7ffff7efe000 (257 pages, one PTE table) moves to 0x7ffff7cfd000 (two tables).
        Assert.Equal(0x7ffff7fff000UL - OneMiBChunk - TwoMiBChunk, moved);
        Assert.Equal(tables + Page, kernel.Status(mm).VmPte);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Shrinking_UnmapsTheTail_InPlace()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, TwoMiBChunk);
        kernel.Touch(mm, start, 513);

        Assert.Equal(start, kernel.Mremap(mm, start, TwoMiBChunk, OneMiBChunk, out var error));

        Assert.Equal(Errno.Ok, error);
        Assert.Equal(257 * 4, Kb(kernel.Status(mm).RssAnon));
        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, start + OneMiBChunk, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Growing_IntoFreeSpaceAboveIt_ExtendsTheMappingInPlace()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Munmap(mm, start + 8 * Page, 8 * Page);
        kernel.Touch(mm, start, 8);

        Assert.Equal(start, kernel.Mremap(mm, start, 8 * Page, 16 * Page, out var error));

        Assert.Equal(Errno.Ok, error);
        Assert.Equal(FaultResult.Hit, kernel.Once(mm, start, AccessKind.Read));
        Assert.Equal(FaultResult.Minor, kernel.Once(mm, start + 12 * Page, AccessKind.Write));
        Assert.Single(kernel.Maps(mm), v => v.Start == start && v.End == start + 16 * Page);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void NoMappingThere_IsEFAULT_AndNothingChanges()
    {
        var kernel = Boot();
        var mm = kernel.Process();

        Assert.Equal(0UL, kernel.Mremap(mm, 0x7fff00000000, Page, 2 * Page, out var error));
        Assert.Equal(Errno.EFAULT, error);
    }

    [Fact]
    public void UnderOvercommitNever_TheGrowthIsCharged_AndRefusedPastCommitLimit()
    {
        var kernel = Boot(m => m.Overcommit = OvercommitMode.Never);
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        var committed = kernel.Meminfo(MeminfoField.Committed_AS);

        var moved = kernel.Mremap(mm, start, 16 * Page, 32 * Page, out _);
        Assert.Equal(committed + 16 * (long)Page, kernel.Meminfo(MeminfoField.Committed_AS));

        Assert.Equal(0UL, kernel.Mremap(mm, moved, 32 * Page, 1UL << 30, out var error));
        Assert.Equal(Errno.ENOMEM, error);
        Assert.Equal(committed + 16 * (long)Page, kernel.Meminfo(MeminfoField.Committed_AS));
    }

    [Fact]
    public void SwapEntries_MoveWithTheRange_AndAreReadBackAtTheNewAddress()
    {
        var kernel = WithSwap();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 8 * Page);
        kernel.Touch(mm, start, 8);
        kernel.Madvise(mm, start, 4 * Page, Advice.PageOut);

        var moved = kernel.Mremap(mm, start, 8 * Page, 16 * Page, out _);

        Assert.Equal(4 * Page, kernel.Status(mm).VmSwap);
        kernel.Touch(mm, moved, 8, AccessKind.Read);
        Assert.Equal(4, kernel.Status(mm).MajFlt);
        Assert.Equal(0UL, kernel.Status(mm).VmSwap);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void PagesSharedAfterFork_StayFindableByReclaim_InBothProcesses()
    {
        var kernel = WithSwap();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 8 * Page);
        kernel.Touch(parent, start, 8);
        var child = kernel.Fork(parent);

        var moved = kernel.Mremap(parent, start, 8 * Page, 16 * Page, out _);

        Assert.Equal(8 * Page, kernel.Status(parent).RssAnon);
        Assert.Equal(8 * Page, kernel.Status(child).RssAnon);
        EvictEveryMappedAnonPage(kernel);
        Assert.Equal(8 * Page, kernel.Status(parent).VmSwap);
        Assert.Equal(8 * Page, kernel.Status(child).VmSwap);
        kernel.Touch(parent, moved, 8, AccessKind.Read);
        kernel.Touch(child, start, 8, AccessKind.Read);
        kernel.Touch(child, start, 8, AccessKind.Write);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void SwapEntriesSharedAfterFork_AreReadBackByBothProcesses_AtTheirOwnAddresses()
    {
        var kernel = WithSwap();
        var parent = kernel.Process();
        var start = kernel.MapAnon(parent, 8 * Page);
        kernel.Touch(parent, start, 8);
        kernel.Madvise(parent, start, 8 * Page, Advice.PageOut);
        var child = kernel.Fork(parent);

        var moved = kernel.Mremap(parent, start, 8 * Page, 16 * Page, out _);
        kernel.Touch(child, start, 8, AccessKind.Read);      // swapped in at the old address
        kernel.Touch(parent, moved, 8, AccessKind.Read);     // the cached pages are mapped elsewhere: copies

        Assert.Equal(8, kernel.Status(child).MajFlt);
        Assert.Equal(0, kernel.Status(parent).MajFlt);
        Assert.Equal(8 * Page, kernel.Status(parent).RssAnon);
        EvictEveryMappedAnonPage(kernel);
        kernel.Touch(parent, moved, 8, AccessKind.Read);
        kernel.Touch(child, start, 8, AccessKind.Read);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ContentStampsSurviveTheMove_ACorruptedMovedPageIsStillCaught()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4);
        var moved = kernel.Mremap(mm, start, 4 * Page, 8 * Page, out _);

        Assert.True(kernel.InjectContentCorruption(mm, moved + Page));
        kernel.Touch(mm, moved, 4, AccessKind.Read);

        Assert.Contains(kernel.SelfCheck(), c => c.Name == "content stamps intact" && !c.Ok);
    }

    /// <summary>Evicts every anonymous page some process maps, as reclaim would: each must be found by the reverse map.</summary>
    private static void EvictEveryMappedAnonPage(Kernel kernel)
    {
        var context = (IReclaimContext)kernel;
        for (var pfn = 0; pfn < context.Frames.HighWater; pfn++)
        {
            if (context.Frames[pfn].Kind == FrameKind.Anon && context.Frames[pfn].MapCount > 0)
            {
                Assert.True(context.Evict(pfn), $"frame {pfn} could not be evicted");
            }
        }
    }
}
