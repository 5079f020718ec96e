using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Slab;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The VMA objects after split, merge, munmap, mremap, fork and exit: a
/// vm_area_struct per VMA as vm_area_alloc and vm_area_free leave them (a
/// split allocates one, a merge frees one, an unmap frees each VMA it
/// removes), an anon_vma per written private VMA and generation + 1
/// anon_vma_chain each (the model's rule, docs/model-notes.md), kept by the
/// VMA operations and charged at the end of each system call.
/// </summary>
public class SlabVmaChargeTests
{
    private const int ImageVmas = 3;   // text, data, stack

    private static Kernel Machine() => Boot(m => m.Ram = 64UL << 20);

    private static (long Vmas, long AnonVmas, long Chains) Objects(Kernel kernel) =>
        (kernel.SlabActive(SlabCache.VmAreaStruct), kernel.SlabActive(SlabCache.AnonVma), kernel.SlabActive(SlabCache.AnonVmaChain));

    [Fact]
    public void MprotectInTheMiddle_AllocatesTwoVmas_AndRestoringItFreesThemAgain()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 12 * Page);
        kernel.Touch(mm, start, 12);
        kernel.SlabSync(mm);
        Assert.Equal((ImageVmas + 1L, 1L, 1L), Objects(kernel));

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start + (4 * Page), 4 * Page, read: true, write: false, exec: false));
        kernel.SlabSync(mm);

        // __split_vma twice: two vm_area_dup; each piece keeps the written VMA's anon_vma.
        Assert.Equal((ImageVmas + 3L, 3L, 3L), Objects(kernel));

        Assert.Equal(Errno.Ok, kernel.Mprotect(mm, start + (4 * Page), 4 * Page, read: true, write: true, exec: false));
        kernel.SlabSync(mm);

        // vma_merge of the three: two vm_area_free.
        Assert.Equal((ImageVmas + 1L, 1L, 1L), Objects(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MunmapOfAHole_SplitsOne_AndMunmapOfTheRest_FreesEveryObject()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 12 * Page);
        kernel.Touch(mm, start, 12);

        Assert.Equal(Errno.Ok, kernel.Munmap(mm, start + (4 * Page), 4 * Page));
        kernel.SlabSync(mm);
        Assert.Equal((ImageVmas + 2L, 2L, 2L), Objects(kernel));

        Assert.Equal(Errno.Ok, kernel.Munmap(mm, start, 12 * Page));
        kernel.SlabSync(mm);
        Assert.Equal((ImageVmas + 0L, 0L, 0L), Objects(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void AdjacentMappings_MergeIntoOneVma_UntilOneIsWritten()
    {
        var kernel = Machine();
        var mm = kernel.Process();

        // Three anonymous mmaps placed top-down next to each other: vma_merge extends the first.
        for (var i = 0; i < 3; i++)
        {
            kernel.MapAnon(mm, 4 * Page);
        }

        kernel.SlabSync(mm);
        Assert.Equal((ImageVmas + 1L, 0L, 0L), Objects(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Mremap_MovesAVma_KeepingItsObjects()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 4 * Page);
        kernel.Touch(mm, start, 4);
        kernel.MapAnon(mm, 4 * Page, write: false);   // a read-only neighbour above: the growth cannot stay in place
        kernel.SlabSync(mm);
        var before = Objects(kernel);

        var moved = kernel.Mremap(mm, start, 4 * Page, 64 * Page, out var error);

        Assert.Equal(Errno.Ok, error);
        Assert.NotEqual(0UL, moved);
        kernel.SlabSync(mm);
        Assert.Equal(before, Objects(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ForkThenExit_ChargesTheChildsCopies_ThenGivesThemBack()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var written = 0UL;
        for (var i = 0; i < 5; i++)
        {
            kernel.MapAnon(mm, Page, write: false);
            written = kernel.MapAnon(mm, Page);
            kernel.Touch(mm, written, 1);
        }

        kernel.SlabSync(mm);
        Assert.Equal((ImageVmas + 10L, 5L, 5L), Objects(kernel));

        var child = kernel.Fork(mm);

        // dup_mmap: a vm_area_struct per VMA; anon_vma_fork: a new anon_vma and two chains per written VMA.
        Assert.Equal((2 * (ImageVmas + 10L), 10L, 5L + 10L), Objects(kernel));

        // The child unmaps one written VMA: its vm_area_struct, anon_vma and both chains go.
        Assert.Equal(Errno.Ok, kernel.Munmap(child, written, Page));
        kernel.SlabSync(child);
        Assert.Equal((2 * (ImageVmas + 10L) - 1, 9L, 5L + 8L), Objects(kernel));

        kernel.Exit(child);

        Assert.Equal((ImageVmas + 10L, 5L, 5L), Objects(kernel));
        kernel.Exit(mm);
        Assert.Equal((0L, 0L, 0L), Objects(kernel));
        kernel.AssertSelfChecksPass();
    }
}
