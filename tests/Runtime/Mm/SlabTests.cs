using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Slab;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The slab allocator: the caches' figures are this machine's /proc/slabinfo
/// (Linux 6.18 x86-64, docs/probes/slab.c, the same in three runs); a process,
/// a VMA, a fork and a driver's kmalloc cost the objects and slabs the kernel's
/// would, and the slabs come from and go back to the buddy allocator.
/// </summary>
public class SlabTests
{
    private static Kernel Machine(bool tablesCharged = true) => Boot(m =>
    {
        m.Ram = 64UL << 20;
        m.PageTablesCharged = tablesCharged;
    });

    private static SlabInfoRow Row(Kernel kernel, string name) => kernel.SlabInfo().Single(r => r.Name == name);

    private static long FreePages(Kernel kernel) => kernel.AllFreeBytes() / (long)Page;

    // name, objsize, objperslab, pagesperslab as /proc/slabinfo printed them (fs_cache: /sys/kernel/slab/fs_cache).
    [Theory]
    [InlineData("task_struct", 5824, 5, 8)]
    [InlineData("mm_struct", 1600, 20, 8)]
    [InlineData("signal_cache", 1152, 14, 4)]
    [InlineData("sighand_cache", 2112, 15, 8)]
    [InlineData("files_cache", 704, 23, 4)]
    [InlineData("fs_cache", 64, 64, 1)]
    [InlineData("vm_area_struct", 192, 21, 1)]
    [InlineData("anon_vma", 104, 39, 1)]
    [InlineData("anon_vma_chain", 64, 64, 1)]
    [InlineData("radix_tree_node", 584, 14, 2)]
    [InlineData("shmem_inode_cache", 752, 21, 4)]
    [InlineData("dentry", 192, 21, 1)]
    [InlineData("ext4_inode_cache", 1128, 14, 4)]
    [InlineData("kmalloc-8", 8, 512, 1)]
    [InlineData("kmalloc-16", 16, 256, 1)]
    [InlineData("kmalloc-32", 32, 128, 1)]
    [InlineData("kmalloc-64", 64, 64, 1)]
    [InlineData("kmalloc-96", 96, 42, 1)]
    [InlineData("kmalloc-128", 128, 32, 1)]
    [InlineData("kmalloc-192", 192, 21, 1)]
    [InlineData("kmalloc-256", 256, 16, 1)]
    [InlineData("kmalloc-512", 512, 16, 2)]
    [InlineData("kmalloc-1k", 1024, 16, 4)]
    [InlineData("kmalloc-2k", 2048, 16, 8)]
    [InlineData("kmalloc-4k", 4096, 8, 8)]
    [InlineData("kmalloc-8k", 8192, 4, 8)]
    public void CacheFigures_AreThisMachinesSlabinfo(string name, int objSize, int objPerSlab, int pagesPerSlab)
    {
        var row = Row(Machine(), name);

        Assert.Equal((objSize, objPerSlab, pagesPerSlab), (row.ObjSize, row.ObjPerSlab, row.PagesPerSlab));
    }

    [Fact]
    public void ANewProcess_CostsItsTaskObjects_AndAVmAreaStructPerVma()
    {
        var kernel = Machine();
        var free = FreePages(kernel);

        kernel.Process();

        foreach (var name in new[] { "task_struct", "mm_struct", "signal_cache", "sighand_cache", "files_cache", "fs_cache" })
            Assert.Equal((1L, 1L), (Row(kernel, name).ActiveObjs, Row(kernel, name).Slabs));
        Assert.Equal(3, Row(kernel, "vm_area_struct").ActiveObjs);   // text, data, stack
        // One slab each: 8 + 8 + 4 + 8 + 4 + 1 + 1 pages, and the page directory (page tables are charged).
        Assert.Equal(34, kernel.Meminfo(MeminfoField.SUnreclaim) / (long)Page);
        Assert.Equal(free - 34 - 1, FreePages(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Mmap_AddsAVmAreaStruct_AndItsFirstWrite_AnAnonVmaAndAChain()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var start = kernel.MapAnon(mm, 16 * Page);
        kernel.SlabSync(mm);
        Assert.Equal(4, Row(kernel, "vm_area_struct").ActiveObjs);
        Assert.Equal(0, Row(kernel, "anon_vma").ActiveObjs);

        kernel.Touch(mm, start, 1);

        Assert.Equal((1L, 1L), (Row(kernel, "anon_vma").ActiveObjs, Row(kernel, "anon_vma_chain").ActiveObjs));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void ThousandsOfVmas_FillVmAreaStructSlabs_21ToAPage()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        for (var i = 0; i < 2000; i++)
        {
            kernel.MapAnon(mm, Page, write: false);   // read-only
            kernel.Touch(mm, kernel.MapAnon(mm, Page), 1);   // read-write, written: no neighbour merges
            kernel.SlabSync(mm);
        }

        var vmas = Row(kernel, "vm_area_struct");
        Assert.Equal(4003, vmas.ActiveObjs);
        Assert.Equal((4003 + 20) / 21, vmas.Slabs);
        Assert.Equal(2000, Row(kernel, "anon_vma").ActiveObjs);
        Assert.Equal(2000, Row(kernel, "anon_vma_chain").ActiveObjs);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Fork_AddsOneTaskStructAndMmStruct_ItsVmas_AndTwoChainsPerAnonVma()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        for (var i = 0; i < 10; i++)
        {
            kernel.MapAnon(mm, Page, write: false);
            kernel.Touch(mm, kernel.MapAnon(mm, Page), 1);
        }

        kernel.SlabSync(mm);
        var vmas = Row(kernel, "vm_area_struct").ActiveObjs;

        var child = kernel.Fork(mm);

        Assert.True(child >= 0);
        Assert.Equal(2, Row(kernel, "task_struct").ActiveObjs);
        Assert.Equal(2, Row(kernel, "mm_struct").ActiveObjs);
        Assert.Equal(2 * vmas, Row(kernel, "vm_area_struct").ActiveObjs);
        Assert.Equal(20, Row(kernel, "anon_vma").ActiveObjs);
        Assert.Equal(10 + 20, Row(kernel, "anon_vma_chain").ActiveObjs);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Exit_GivesEveryObjectBack_AndTheEmptySlabsToTheBuddyAllocator()
    {
        var kernel = Machine();
        var free = FreePages(kernel);
        var mm = kernel.Process();
        kernel.Touch(mm, kernel.MapAnon(mm, 64 * Page), 64);
        kernel.SlabSync(mm);

        kernel.Exit(mm);

        Assert.All(kernel.SlabInfo(), r => Assert.Equal((0L, 0L), (r.ActiveObjs, r.Slabs)));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Slab));
        Assert.Equal(free, FreePages(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Kmalloc_TakesSlabsOfItsCache_AndKfreeGivesThemBack()
    {
        var kernel = Machine();
        var free = FreePages(kernel);

        kernel.Kmalloc(512, 20000);

        var row = Row(kernel, "kmalloc-512");
        Assert.Equal((20000L, 20000L, 1250L), (row.ActiveObjs, row.NumObjs, row.Slabs));
        Assert.Equal(10000L * 1024, kernel.Meminfo(MeminfoField.SUnreclaim));
        Assert.Equal(free - 2500, FreePages(kernel));

        var freed = kernel.Kfree(512, 30000, out var cache);

        Assert.Equal(("kmalloc-512", 20000L), (cache, freed));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.Slab));
        Assert.Equal(free, FreePages(kernel));
        kernel.AssertSelfChecksPass();
    }

    [Theory]
    [InlineData(1UL, "kmalloc-8")]
    [InlineData(9UL, "kmalloc-16")]
    [InlineData(65UL, "kmalloc-96")]
    [InlineData(97UL, "kmalloc-128")]
    [InlineData(129UL, "kmalloc-192")]
    [InlineData(193UL, "kmalloc-256")]
    [InlineData(4097UL, "kmalloc-8k")]
    public void Kmalloc_PicksTheCacheKmallocIndexDoes(ulong size, string cache) =>
        Assert.Equal(cache, Kernel.KmallocCacheName(size));

    [Fact]
    public void FileDentryAndInode_AreReclaimableSlab_CountedInMemAvailable_AndDropCaches2FreesThem()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        kernel.CreateFile("a.dat", 64 * Page, cached: false, dirty: false);
        var availableBefore = kernel.Meminfo(MeminfoField.MemAvailable);
        var freeBefore = kernel.Meminfo(MeminfoField.MemFree);
        var pcpBefore = kernel.PcpPages;
        kernel.SlabSync(mm);
        var pcpTaken = (kernel.PcpPages - pcpBefore) * (long)Page;   // the order-0 dentry slab came through a per-CPU list refill

        Assert.Equal((1L, 1L), (Row(kernel, "dentry").ActiveObjs, Row(kernel, "ext4_inode_cache").ActiveObjs));
        var reclaimable = kernel.Meminfo(MeminfoField.SReclaimable);
        Assert.Equal(5 * (long)Page, reclaimable);   // one dentry slab (1 page), one inode slab (4)
        Assert.Equal(reclaimable, kernel.Meminfo(MeminfoField.KReclaimable));
        Assert.Equal(kernel.Meminfo(MeminfoField.SReclaimable) + kernel.Meminfo(MeminfoField.SUnreclaim), kernel.Meminfo(MeminfoField.Slab));
        // si_mem_available: the 5 pages left MemFree, and 5 - min(5 / 2, low) = 3 of them count as available.
        Assert.Equal(freeBefore - reclaimable - pcpTaken, kernel.Meminfo(MeminfoField.MemFree));
        Assert.Equal(availableBefore - (2 * (long)Page) - pcpTaken, kernel.Meminfo(MeminfoField.MemAvailable));

        Assert.Equal(2, kernel.DropSlab());

        Assert.Equal(0, kernel.Meminfo(MeminfoField.SReclaimable));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void DropSlab_KeepsTheDentryOfAMappedFile()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var file = kernel.CreateFile("a.dat", 4 * Page, cached: false, dirty: false);
        kernel.MapFile(mm, file, 4 * Page);
        kernel.SlabSync(mm);

        Assert.Equal(0, kernel.DropSlab());
        Assert.Equal(1, Row(kernel, "dentry").ActiveObjs);
    }

    [Fact]
    public void CachedFilePages_CostARadixTreeNodePer64()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        kernel.CreateFile("a.dat", 130 * Page, cached: true, dirty: false);

        kernel.SlabSync(mm);

        Assert.Equal(3, Row(kernel, "radix_tree_node").ActiveObjs);
    }

    [Fact]
    public void ATextbookMachine_HasNoSlab()
    {
        var kernel = Machine(tablesCharged: false);
        var free = FreePages(kernel);

        var mm = kernel.Process();
        kernel.Kmalloc(64, 10);
        kernel.SlabSync(mm);

        Assert.Equal(0, kernel.Meminfo(MeminfoField.Slab));
        Assert.Equal(free, FreePages(kernel));
    }
}
