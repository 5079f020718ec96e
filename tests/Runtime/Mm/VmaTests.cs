using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

public class VmaTests
{
    [Fact]
    public void NewProcess_HasTextDataAndStack_AndNothingResident()
    {
        var kernel = Boot();
        var mm = kernel.Process("p");

        var maps = kernel.Maps(mm);

        Assert.Collection(maps,
            text => Assert.Equal((0x555555554000UL, 0x555555564000UL, "r-xp", "p"), (text.Start, text.End, text.Perms, text.Path)),
            data => Assert.Equal((0x555555564000UL, 0x555555568000UL, "rw-p", "p"), (data.Start, data.End, data.Perms, data.Path)),
            stack => Assert.Equal((0x7ffffffde000UL, 0x7ffffffff000UL, "rw-p", "[stack]"), (stack.Start, stack.End, stack.Perms, stack.Path)));
        var status = kernel.Status(mm);
        Assert.Equal(212, Kb(status.VmSize));
        Assert.Equal(16, Kb(status.VmData));
        Assert.Equal(132, Kb(status.VmStk));
        Assert.Equal(0UL, status.VmRss);
        Assert.Equal(0UL, status.VmPte);
    }

    [Fact]
    public void Brk_CreatesTheHeapRightAfterData_AndCountsItInVmData()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var heap = kernel.HeapStart(mm);

        Assert.Equal(heap + 0x21000, kernel.SetBrk(mm, heap + 0x21000));

        var line = Assert.Single(kernel.Maps(mm), v => v.Path == "[heap]");
        Assert.Equal((0x555555568000UL, 0x555555589000UL), (line.Start, line.End));
        Assert.Equal(16 + 132, Kb(kernel.Status(mm).VmData));

        kernel.SetBrk(mm, heap);
        Assert.DoesNotContain(kernel.Maps(mm), v => v.Path == "[heap]");
    }

    [Fact]
    public void Mmap_IsTopDownBelowTheMmapBase_And2MiBAlignedFromTwoMiB()
    {
        var kernel = Boot();
        var mm = kernel.Process();

        var small = kernel.MapAnon(mm, Page, write: false);
        var big = kernel.MapAnon(mm, 2UL << 20, write: false);

        Assert.Equal(0x7ffff7ffe000UL, small);
        Assert.Equal(0UL, big % (2UL << 20));
        Assert.True(big + (2UL << 20) <= small);
    }

    [Theory]
    [InlineData(3UL << 20)]                 // 3 MiB
    [InlineData((2UL << 20) + 4096)]        // 2 MiB + 4 KiB: what glibc maps for malloc 2M
    public void PrivateMapping_WhoseLengthIsNotAMultipleOf2MiB_IsPlacedFirstFit_Unaligned(ulong length)
    {
        var kernel = Boot();
        var mm = kernel.Process();

        var start = kernel.MapAnon(mm, length);

        Assert.Equal(0x7ffff7fff000UL - length, start);
        Assert.NotEqual(0UL, start % (2UL << 20));
    }

    [Fact]
    public void PrivateMappings_OfAMultipleOf2MiB_Anonymous_OrFile_Are2MiBAligned()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("f", 4UL << 20, cached: true, dirty: false);

        var anon = kernel.MapAnon(mm, 4UL << 20);
        var mapped = kernel.MapFile(mm, file, 4UL << 20);

        Assert.Equal(0x7ffff7a00000UL, anon);
        Assert.Equal(0x7ffff7600000UL, mapped);
    }

    [Fact]
    public void SharedAnonymous_AndSystemV_Mappings_OfAMultipleOf2MiB_ArePlacedFirstFit_Unaligned()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var segment = kernel.ShmGet("1", 2UL << 20, out _);

        var shared = kernel.MapAnon(mm, 4UL << 20, shared: true);
        var shm = kernel.Mmap(mm, new MmapRequest(2UL << 20, MapKind.SysVShm, true, true, false, Shared: true, ObjectId: segment), out var error);

        Assert.Equal(Errno.Ok, error);
        Assert.Equal(0x7ffff7fff000UL - (4UL << 20), shared);
        Assert.Equal(shared - (2UL << 20), shm);
        Assert.NotEqual(0UL, shared % (2UL << 20));
    }

    [Fact]
    public void AdjacentAnonymousMappings_WithSameProtection_MergeIntoOneVma()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var first = kernel.MapAnon(mm, 16 * Page);
        var second = kernel.MapAnon(mm, 16 * Page);
        var readOnly = kernel.MapAnon(mm, 16 * Page, write: false);

        Assert.Equal(first - 16 * Page, second);
        var maps = kernel.Maps(mm);
        Assert.Single(maps, v => v.Start == second && v.End == first + 16 * Page);
        Assert.Single(maps, v => v.Start == readOnly && v.Perms == "r--p");
    }

    [Fact]
    public void MprotectInTheMiddle_SplitsInThree_AndRestoringMergesBack()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        var before = kernel.Maps(mm).Count;

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start + 4 * Page, 4 * Page, read: true, write: false, exec: false));
        Assert.Equal(before + 2, kernel.Maps(mm).Count);
        Assert.Single(kernel.Maps(mm), v => v.Start == start + 4 * Page && v.End == start + 8 * Page && v.Perms == "r--p");

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start + 4 * Page, 4 * Page, read: true, write: true, exec: false));
        Assert.Equal(before, kernel.Maps(mm).Count);
    }

    [Fact]
    public void PartialMunmap_SplitsTheMapping_AndTheHoleFaults()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.Touch(mm, start, 16);

        Assert.Equal(Errno.Ok, kernel.Munmap(mm, start + 4 * Page, 4 * Page));

        var maps = kernel.Maps(mm);
        Assert.Single(maps, v => v.Start == start && v.End == start + 4 * Page);
        Assert.Single(maps, v => v.Start == start + 8 * Page && v.End == start + 16 * Page);
        Assert.Equal(48, Kb(kernel.Status(mm).RssAnon));
        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, start + 5 * Page, AccessKind.Read));
        Assert.Equal(4 * kernel.Costs.MunmapPerPage, kernel.LastSyscallCostNs);
    }

    [Fact]
    public void AccessWithNoVma_IsSegvMapErr_AndAgainstProtection_IsSegvAccErr_WithNoFaultCounted()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var readOnly = kernel.MapAnon(mm, 4 * Page, write: false);
        var none = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, none, 1);
        kernel.Mprotect(mm, none, 4 * Page, read: false, write: false, exec: false);

        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, 0x1000, AccessKind.Read));
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, readOnly, AccessKind.Write));
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, none, AccessKind.Read));
        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, readOnly, AccessKind.Exec));
        Assert.Equal(1, kernel.Status(mm).MinFlt);
    }

    [Fact]
    public void StackAccessBelowTheVma_GrowsIt_UpToTheLimit()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var top = kernel.StackTop(mm);

        Assert.Equal(FaultResult.Minor, kernel.Once(mm, top - (1UL << 20), AccessKind.Write));
        Assert.Equal(1024, Kb(kernel.Status(mm).VmStk));
        Assert.Single(kernel.Maps(mm), v => v.Path == "[stack]" && v.Start == top - (1UL << 20));

        Assert.Equal(FaultResult.Minor, kernel.Once(mm, top - (8UL << 20), AccessKind.Write));
        Assert.Equal(FaultResult.SegvMapErr, kernel.Once(mm, top - (8UL << 20) - 1, AccessKind.Write));
        Assert.Equal(8192, Kb(kernel.Status(mm).VmStk));
    }

    [Fact]
    public void FileMapping_ShowsItsNameAndOffset_InMaps()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var file = kernel.CreateFile("lib.so", 1UL << 20, cached: false, dirty: false);
        var start = kernel.Mmap(mm, new MmapRequest(4 * Page, MapKind.File, true, false, true, ObjectId: file, FileOffset: 8 * Page), out _);

        var line = Assert.Single(kernel.Maps(mm), v => v.Start == start);
        Assert.Equal(("r-xp", 8 * Page, "lib.so"), (line.Perms, line.Offset, line.Path));
    }

    [Fact]
    public void FixedMappingAcrossTheMmapBase_PushesTheNextMmapBelowIt()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var fixedStart = kernel.Mmap(mm, new MmapRequest(64 * Page, MapKind.AnonPrivate, true, false, false, Address: 0x7ffff7ff0000), out var error);
        Assert.Equal(Errno.Ok, error);

        var next = kernel.MapAnon(mm, Page, write: false);

        Assert.Equal(0x7ffff7ff0000UL, fixedStart);
        Assert.Equal(0x7ffff7fef000UL, next);
    }

    [Fact]
    public void BrkAfterMprotectHeapRead_AddsANewWritableHeapPiece_AndMprotectRwMergesThemBack()
    {
        var kernel = Boot();
        var mm = kernel.Process();
        var heap = kernel.HeapStart(mm);
        Assert.Equal(heap + 8 * Page, kernel.SetBrk(mm, heap + 8 * Page));
        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, heap, 8 * Page, read: true, write: false, exec: false));

        Assert.Equal(heap + 12 * Page, kernel.SetBrk(mm, heap + 12 * Page));

        Assert.Equal(FaultResult.SegvAccErr, kernel.Once(mm, heap, AccessKind.Write));
        Assert.Equal(FaultResult.Minor, kernel.Once(mm, heap + 8 * Page, AccessKind.Write));
        var pieces = kernel.Maps(mm).Where(v => v.Path == "[heap]").ToList();
        Assert.Equal(new[] { "r--p", "rw-p" }, pieces.Select(v => v.Perms).ToArray());

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, heap, 8 * Page, read: true, write: true, exec: false));
        var merged = Assert.Single(kernel.Maps(mm), v => v.Path == "[heap]");
        Assert.Equal((heap, heap + 12 * Page), (merged.Start, merged.End));
        kernel.AssertSelfChecksPass();
    }
}
