using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Slab;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// shrink_slab under pressure: the superblock shrinker's arithmetic is
/// mm/shrinker.c do_shrink_slab (delta = (freeable &gt;&gt; priority) * 4 /
/// DEFAULT_SEEKS 2, SHRINK_BATCH 128, nr_deferred carried over) over
/// fs/super.c super_cache_scan (the scan split between the dentry and inode
/// LRUs, each part + 1); reclaim frees the dentries and inodes of unused
/// files, counts slabs_scanned, and MemAvailable counts SReclaimable as
/// si_mem_available does.
/// </summary>
public class SlabShrinkTests
{
    private const int Files = 2000;

    /// <summary>
    /// One reclaim pass over 2000 unused files whose LRU scan finds nothing
    /// (by hand, as the first test): priorities 12..6 scan 0; p5 256 (128 files,
    /// deferred 232); p4 (232 &gt;&gt; 4) + 468 = 482: 384 (192 files, deferred 316);
    /// p3 39 + 840: 768 (384 files, 388); p2 97 + 1296: 1280 (640 files, 404);
    /// p1 202 + 1312: 1408 (the last 656 files); p0 finds nothing freeable.
    /// </summary>
    private const long PassScan = 256 + 384 + 768 + 1280 + 1408;

    private static Kernel Machine() => Boot(m =>
    {
        m.Ram = 64UL << 20;
        m.Swap = 0;
        m.Overcommit = OvercommitMode.Always;
    });

    private static long Pages(Kernel kernel, MeminfoField field) => kernel.Meminfo(field) / (long)Page;

    private static (Kernel Kernel, int Mm) MachineWithFiles()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        for (var i = 0; i < Files; i++)
        {
            kernel.CreateFile($"f{i}", 4 * Page, cached: false, dirty: false);
        }

        kernel.SlabSync(mm);
        return (kernel, mm);
    }

    [Fact]
    public void DoShrinkSlab_AtPriorities12To5_DefersUntilABatchIsDue_ThenScans128AtATime()
    {
        // 2000 unused files: 4000 freeable objects. Worked by hand from do_shrink_slab:
        // p12 delta 0; p11 2 (deferred 2); p10 6 (8); p9 14 (22); p8 30 (52); p7 62 (114);
        // p6 total (114 >> 6) + 124 = 125 < 128, deferred 238; p5 total (238 >> 5) + 250 = 257:
        // two batches of 128 (super_cache_scan: 128 * 2000 / 4001 = 63 dentries + 1, then
        // 128 * 1936 / 3873 = 63 + 1), deferred 238 + 250 - 256 = 232.
        var shrinker = new SuperBlockShrinker();
        long unused = Files, scanned = 0;
        for (var priority = 12; priority >= 6; priority--)
        {
            var step = shrinker.Shrink(unused, priority);
            scanned += step.Scanned;
            unused -= step.Files;
        }

        Assert.Equal((0L, 2000L, 238L), (scanned, unused, shrinker.NrDeferred));

        var p5 = shrinker.Shrink(unused, 5);

        Assert.Equal((256L, 128L, 232L), (p5.Scanned, p5.Files, shrinker.NrDeferred));
    }

    [Fact]
    public void DoShrinkSlab_AtPriority0_ScansWholeBatchesOfTwiceTheFreeableObjects_AndFreesThemAll()
    {
        var shrinker = new SuperBlockShrinker();

        // delta = 4000 * 4 / 2 = 8000 (2 * freeable, the cap): 62 batches of 128; the 64 left
        // are fewer than a batch and than the freeable objects, so they are deferred.
        var step = shrinker.Shrink(Files, 0);

        Assert.Equal((7936L, 2000L, 64L), (step.Scanned, step.Files, shrinker.NrDeferred));
    }

    [Fact]
    public void FileDentriesAndInodes_AreSReclaimable_AndMemAvailableCountsThemAsSiMemAvailableDoes()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var (_, low, _) = kernel.WatermarkPages;
        var freeBefore = Pages(kernel, MeminfoField.MemFree);
        var availableBefore = Pages(kernel, MeminfoField.MemAvailable);
        for (var i = 0; i < Files; i++)
        {
            kernel.CreateFile($"f{i}", 4 * Page, cached: false, dirty: false);
        }

        kernel.SlabSync(mm);

        // 2000 dentries: 96 one-page slabs of 21; 2000 inodes: 143 four-page slabs of 14.
        var reclaimable = Pages(kernel, MeminfoField.SReclaimable);
        Assert.Equal(96 + (143 * 4), reclaimable);
        // MemAvailable = free - totalreserve + file LRU - min(file LRU / 2, low)
        //                + SReclaimable - min(SReclaimable / 2, low): no file page changed.
        var freeTaken = freeBefore - Pages(kernel, MeminfoField.MemFree);
        Assert.Equal(availableBefore - freeTaken + reclaimable - Math.Min(reclaimable / 2, low), Pages(kernel, MeminfoField.MemAvailable));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Kswapd_WithNothingOnTheLruItCanFree_ShrinksTheDentryAndInodeCaches()
    {
        var (kernel, mm) = MachineWithFiles();
        Assert.Equal(668, Pages(kernel, MeminfoField.SReclaimable));
        var start = kernel.MapAnon(mm, 64UL << 20);
        var touched = 0UL;
        while (!kernel.KswapdWanted)
        {
            kernel.Touch(mm, start + (touched++ * Page), 1);
        }

        var batches = 0;
        while (kernel.KswapdWanted && batches < 100)
        {
            kernel.KswapdReclaimBatch();
            batches++;
        }

        // No swap and no page cache: every priority's shrink_node scans no LRU page,
        // and shrink_slab at priority 0 scans twice what is freeable: every unused file goes.
        Assert.Equal(0, Pages(kernel, MeminfoField.SReclaimable));
        Assert.Equal((0L, 0L), (kernel.SlabActive(SlabCache.Dentry), kernel.SlabActive(SlabCache.Ext4InodeCache)));
        Assert.Equal(PassScan, kernel.Vmstat(VmCounter.slabs_scanned));
        Assert.Equal(0, kernel.Vmstat(VmCounter.pgsteal_kswapd));   // slab pages are reclaimed, not stolen from the LRU
        Assert.False(kernel.KswapdWanted);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void DirectReclaim_FreesTheUnusedFiles_AndKeepsTheDentryAndInodeOfAMappedFile()
    {
        var kernel = Machine();
        var mm = kernel.Process();
        var mapped = kernel.CreateFile("mapped", 4 * Page, cached: false, dirty: false);
        for (var i = 0; i < Files; i++)
        {
            kernel.CreateFile($"f{i}", 4 * Page, cached: false, dirty: false);
        }

        kernel.MapFile(mm, mapped, 4 * Page);
        kernel.SlabSync(mm);
        var start = kernel.MapAnon(mm, 64UL << 20);
        var touched = 0UL;
        while (kernel.Vmstat(VmCounter.allocstall) == 0)
        {
            kernel.Touch(mm, start + (touched++ * Page), 1);
        }

        // One direct reclaim pass went down to priority 0: every unused file went, the mapped one is in use.
        Assert.Equal((1L, 1L), (kernel.SlabActive(SlabCache.Dentry), kernel.SlabActive(SlabCache.Ext4InodeCache)));
        Assert.Equal(PassScan, kernel.Vmstat(VmCounter.slabs_scanned));
        Assert.Equal(0, kernel.Vmstat(VmCounter.oom_kill));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void DropCaches2_ShrinksAtPriority0_AndCountsTheScanInSlabsScanned()
    {
        var (kernel, _) = MachineWithFiles();

        var freed = kernel.DropSlab();

        Assert.Equal(2 * Files, freed);
        Assert.Equal(7936, kernel.Vmstat(VmCounter.slabs_scanned));   // then a round with nothing freeable
        Assert.Equal(0, Pages(kernel, MeminfoField.SReclaimable));
        kernel.AssertSelfChecksPass();
    }
}
