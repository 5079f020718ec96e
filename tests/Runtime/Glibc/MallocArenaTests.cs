using MemScript.Runtime.Glibc;

namespace MemScript.Tests.Runtime.Glibc;

public class MallocArenaTests
{
    private const ulong K = 1024;
    private const ulong Page = 4096;

    private static (MallocArena Arena, FakeMallocHost Host) NewArena(ulong threshold = 128 * K, ulong topPad = 128 * K)
    {
        var host = new FakeMallocHost();
        return (new MallocArena(host, threshold, topPad), host);
    }

    [Fact]
    public void RequestToSize_FollowsGlibc()
    {
        Assert.Equal(32UL, MallocArena.RequestToSize(0));
        Assert.Equal(32UL, MallocArena.RequestToSize(24));
        Assert.Equal(48UL, MallocArena.RequestToSize(25));
        Assert.Equal(656UL, MallocArena.RequestToSize(640));
        Assert.Equal(65552UL, MallocArena.RequestToSize(64 * K));
    }

    [Fact]
    public void FirstMalloc64K_GrowsHeapBy132KiB_AndStartsAtHeapPlus672()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(64 * K);
        Assert.Equal(FakeMallocHost.Heap + 672, p);
        Assert.Equal(132 * K, host.CurrentBrk - FakeMallocHost.Heap);
        Assert.Equal("brk +132 KiB", arena.LastDetail);
    }

    [Fact]
    public void FirstMalloc64K_WritesPages0And16_ThenTouchCosts15MoreFaults()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(64 * K);
        var heapPage = FakeMallocHost.Heap / Page;
        Assert.Equal(new ulong[] { heapPage, heapPage + 16 }, host.WrittenPages.Order().ToArray());
        Assert.Equal(15, host.FaultsToTouch(p, 64 * K));
        Assert.Equal(17, host.WrittenPages.Count);
    }

    [Fact]
    public void SecondMallocThatFitsTop_DoesNotMoveBreak()
    {
        var (arena, host) = NewArena();
        arena.Malloc(64 * K);
        var brk = host.CurrentBrk;
        var q = arena.Malloc(32 * K);
        Assert.Equal(FakeMallocHost.Heap + 656 + 65552 + 16, q);
        Assert.Equal(brk, host.CurrentBrk);
        Assert.Null(arena.LastDetail);
    }

    [Fact]
    public void Malloc1M_GetsOwnMappingOf257Pages_AndWritesOnlyItsHeaderPage()
    {
        var (arena, host) = NewArena();
        arena.Malloc(16);   // the heap and tcache exist already
        host.WrittenPages.Clear();
        var p = arena.Malloc(1024 * K);
        var (start, length) = Assert.Single(host.Mappings);
        Assert.Equal(257 * Page, length);
        Assert.Equal(start + 16, p);
        Assert.Equal("mmap 1028 KiB", arena.LastDetail);
        Assert.Equal(new[] { start / Page }, host.WrittenPages.ToArray());
        Assert.Equal(256, host.FaultsToTouch(p, 1024 * K));
    }

    [Fact]
    public void FreeOfMmappedChunk_Unmaps_AndRaisesThreshold_SoNext1MComesFromHeap()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(1024 * K);
        Assert.Equal(FreeOutcome.Ok, arena.Free(p));
        Assert.Equal(host.Mappings[0], Assert.Single(host.Unmapped));
        Assert.Equal(257 * Page, arena.MmapThreshold);
        Assert.Equal(2 * 257 * Page, arena.TrimThreshold);
        var brk = host.CurrentBrk;
        var q = arena.Malloc(1024 * K);
        Assert.Single(host.Mappings);
        Assert.InRange(q, FakeMallocHost.Heap, host.CurrentBrk);
        Assert.True(host.CurrentBrk > brk);
        Assert.StartsWith("brk +", arena.LastDetail);
    }

    [Fact]
    public void ThresholdSetExplicitly_IsNotRaisedByFree()
    {
        var (arena, _) = NewArena(threshold: 256 * K);
        var p = arena.Malloc(1024 * K);
        arena.Free(p);
        Assert.Equal(256 * K, arena.MmapThreshold);
    }

    [Fact]
    public void FreedHeapChunk_IsReusedFirstFit_ByALaterMallocThatFits()
    {
        var (arena, _) = NewArena();
        var a = arena.Malloc(1000);
        arena.Malloc(1000);   // keeps a away from the top
        arena.Free(a);
        Assert.Equal(a, arena.Malloc(500));
    }

    [Fact]
    public void FreedNeighbours_Coalesce_SoABlockOfBothSizesFitsWhereTheyWere()
    {
        var (arena, _) = NewArena();
        var a = arena.Malloc(1000);
        var b = arena.Malloc(1000);
        arena.Malloc(1000);   // guard against the top
        arena.Free(a);
        arena.Free(b);
        Assert.Equal(a, arena.Malloc(2000));
    }

    [Fact]
    public void DoubleFree_IsDetected_AndForeignPointerIsInvalid()
    {
        var (arena, _) = NewArena();
        var a = arena.Malloc(100);
        arena.Malloc(100);
        Assert.Equal(FreeOutcome.Ok, arena.Free(a));
        Assert.Equal(FreeOutcome.DoubleFree, arena.Free(a));
        Assert.Equal(FreeOutcome.InvalidPointer, arena.Free(a + 8));
        Assert.Equal(FreeOutcome.Ok, arena.Free(0));
    }

    [Fact]
    public void FreeingLargeBlocksNextToTop_TrimsHeap_DownToTopPad()
    {
        var (arena, host) = NewArena();
        var a = arena.Malloc(100 * K);
        var b = arena.Malloc(100 * K);
        var grown = host.CurrentBrk;
        arena.Free(b);
        arena.Free(a);
        Assert.True(host.CurrentBrk < grown);
        Assert.StartsWith("brk -", arena.LastDetail);
        var top = host.CurrentBrk - FakeMallocHost.Heap - 656;
        Assert.Equal(top, arena.TopSize);
        Assert.InRange(top, 128 * K + 33, 128 * K + 32 + Page);
    }

    [Fact]
    public void SmallFree_DoesNotTrim_EvenWithABigTop()
    {
        var (arena, host) = NewArena();
        var a = arena.Malloc(100);
        var brk = host.CurrentBrk;
        arena.Free(a);
        Assert.Equal(brk, host.CurrentBrk);
    }

    [Fact]
    public void Calloc_WritesEveryPageOfAHeapChunk()
    {
        var (arena, host) = NewArena();
        var p = arena.Calloc(64 * K);
        Assert.Equal(0, host.FaultsToTouch(p, 64 * K));
    }

    [Fact]
    public void Calloc1M_DoesNotTouchFreshMmapMemory()
    {
        var (arena, host) = NewArena();
        arena.Malloc(16);
        host.WrittenPages.Clear();
        var p = arena.Calloc(1024 * K);
        Assert.Single(host.WrittenPages);
        Assert.Equal(256, host.FaultsToTouch(p, 1024 * K));
    }

    [Fact]
    public void Realloc_GrowsIntoTop_InPlace()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(1000);
        Assert.Equal(p, arena.Realloc(p, 20 * K, out var outcome));
        Assert.Equal(FreeOutcome.Ok, outcome);
        Assert.Empty(host.ReadPages);
    }

    [Fact]
    public void Realloc_ThatCannotGrow_CopiesAndFreesTheOldBlock()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(8 * K);
        arena.Malloc(100);   // blocks growth
        var q = arena.Realloc(p, 16 * K, out _);
        Assert.NotEqual(p, q);
        Assert.Contains(p / Page, host.ReadPages);
        Assert.False(arena.IsAllocated(p));
        Assert.True(arena.IsAllocated(q));
    }

    [Fact]
    public void ReallocOfMmappedChunk_DoesNotRaiseTheThreshold_SoTheNext512KIsStillMmapped()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(1024 * K);
        var q = arena.Realloc(p, 2048 * K, out var outcome);
        Assert.Equal(FreeOutcome.Ok, outcome);
        Assert.NotEqual(0UL, q);
        Assert.False(arena.IsAllocated(p));
        Assert.Equal(128 * K, arena.MmapThreshold);
        var mappings = host.Mappings.Count;
        arena.Malloc(512 * K);
        Assert.Equal(mappings + 1, host.Mappings.Count);
    }

    [Fact]
    public void ReallocOfMmappedChunk_1MTo2M_IsOneMremap_ThatTouchesNoNewPage()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(1024 * K);
        var written = host.WrittenPages.Count;

        var q = arena.Realloc(p, 2048 * K, out var outcome);

        Assert.Equal(FreeOutcome.Ok, outcome);
        var (from, oldLength, to, newLength) = Assert.Single(host.Remapped);
        Assert.Equal((p - 16, 257 * Page, 513 * Page), (from, oldLength, newLength));
        Assert.Equal(to + 16, q);
        Assert.Single(host.Mappings);
        Assert.Empty(host.ReadPages);
        Assert.Equal(written, host.WrittenPages.Count);   // set_head writes the header page, which moved with the rest
        Assert.True(arena.IsAllocated(q));
        Assert.StartsWith("mremap 1028 KiB -> 2052 KiB at 0x", arena.LastDetail);
    }

    [Fact]
    public void ReallocOfMmappedChunk_Shrinking_IsAnMremapInPlace()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(2048 * K);

        Assert.Equal(p, arena.Realloc(p, 1024 * K, out _));

        Assert.Equal((p - 16, 513 * Page, p - 16, 257 * Page), Assert.Single(host.Remapped));
        Assert.Equal("mremap 2052 KiB -> 1028 KiB", arena.LastDetail);
    }

    [Fact]
    public void ReallocOfMmappedChunk_WhenMremapFails_AllocatesCopiesAndUnmaps()
    {
        var (arena, host) = NewArena();
        var p = arena.Malloc(1024 * K);
        host.RefuseMremap = true;

        var q = arena.Realloc(p, 2048 * K, out _);

        Assert.NotEqual(p, q);
        Assert.Contains(p / Page, host.ReadPages);
        Assert.Equal(2, host.Mappings.Count);
        Assert.Equal(host.Mappings[0], Assert.Single(host.Unmapped));
    }

    [Fact]
    public void MallocWhenKernelRefusesEverything_ReturnsNull_WithEnomem()
    {
        var (arena, host) = NewArena();
        arena.Malloc(16);
        host.RefuseBrk = true;
        host.RefuseMmap = true;
        Assert.Equal(0UL, arena.Malloc(1024 * K));
        Assert.Equal("ENOMEM", arena.LastDetail);
    }

    [Fact]
    public void ForkedArena_IsIndependentCopy()
    {
        var (arena, _) = NewArena();
        var a = arena.Malloc(1000);
        arena.Malloc(1000);
        var child = arena.CloneFor(new FakeMallocHost());
        arena.Free(a);
        Assert.True(child.IsAllocated(a));
        Assert.Equal(FreeOutcome.Ok, child.Free(a));
        Assert.Equal(a, child.Malloc(800));
    }
}
