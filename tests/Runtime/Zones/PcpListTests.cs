using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// The per-CPU page lists in front of each zone's buddy lists (mm/page_alloc.c, Linux 6.18):
/// rmqueue_pcplist refills nr_pcp_alloc's count (batch &lt;&lt; alloc_factor, the factor one
/// more per refill up to CONFIG_PCP_BATCH_SCALE_MAX 5, at most max(high - count - batch, batch))
/// through rmqueue_bulk, free_frozen_page_commit gives nr_pcp_free's count back once the list
/// holds high pages, and pages on the lists are out of NR_FREE_PAGES (account_freepages runs
/// only as a page enters or leaves the buddy lists), so out of MemFree and buddyinfo.
/// The 64 MiB machine's DMA32 zone: managed 12288, batch 3 (zone_batchsize: 12288 / 1024 / 4
/// = 3, rounded to 2^fls(4) - 1), high_min 240 (its low watermark: min 192 + 48).
/// </summary>
public class PcpListTests
{
    private const long Dma32Batch = 3;
    private const long Dma32High = 240;

    [Fact]
    public void Refills_DoubleUpTo32Batches_AndThePagesLeaveMemFreeButNotTheFreeFrames()
    {
        var frames = NewFrames(out var dma32);
        var free = frames.FreeFrames;

        frames.Allocate(FrameKind.Anon, 0, 0);

        // First refill: one batch (3 pages), one of them handed out.
        Assert.Equal(2, frames.PcpCount(dma32));
        Assert.Equal(free - Dma32Batch, frames.FreeFrames);

        // Refills of 3, 6, 12, 24, 48, 96, 96 ...: after 3 + 6 + 12 + 24 + 48 + 96 = 189 pages,
        // the 190th takes a seventh refill of batch << 5 = 96 (max(240 - 0 - 3, 3) = 237 allows it).
        for (var i = 1; i < 190; i++)
        {
            frames.Allocate(FrameKind.Anon, 0, i);
        }

        Assert.Equal(95, frames.PcpCount(dma32));
        Assert.Equal(free - 285, frames.FreeFrames);
        Assert.Equal(free - 190, frames.Count(FrameKind.Free));
    }

    [Fact]
    public void Frees_GoToTheList_UntilHigh_ThenABatchGoesBackToTheBuddy()
    {
        var frames = NewFrames(out var dma32);
        var pfns = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            pfns.Add(frames.Allocate(FrameKind.Anon, 0, i));
        }

        var onList = frames.PcpCount(dma32);
        var buddyFree = frames.FreeFrames;

        // Freeing one page does not change MemFree (NR_FREE_PAGES): it stays on the list.
        frames.Free(pfns[0]);
        Assert.Equal(onList + 1, frames.PcpCount(dma32));
        Assert.Equal(buddyFree, frames.FreeFrames);

        // Free until the list reaches high: free_pcppages_bulk gives back
        // clamp(free_count, batch, high - batch) pages; the list never holds high pages.
        for (var i = 1; i < 300; i++)
        {
            frames.Free(pfns[i]);
            Assert.True(frames.PcpCount(dma32) < Dma32High);
        }

        Assert.True(frames.FreeFrames > buddyFree);
        Assert.Equal(frames.Count(FrameKind.Free), frames.FreeFrames + frames.PcpPages);
    }

    [Fact]
    public void Drain_GivesEveryPageBack_AndTheBuddyMerges()
    {
        var frames = NewFrames(out var dma32);
        var free = frames.Count(FrameKind.Free);
        var pfns = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            pfns.Add(frames.Allocate(FrameKind.Anon, 0, i));
        }

        foreach (var pfn in pfns)
        {
            frames.Free(pfn);
        }

        Assert.True(frames.PcpCount(dma32) > 0);
        frames.DrainPcp();

        Assert.Equal(0, frames.PcpCount(dma32));
        Assert.Equal(free, frames.FreeFrames);
        Assert.Equal(0, frames.BuddyBlocks(dma32)[0]);   // every page merged back into its block
    }

    [Fact]
    public void WhileKswapdReclaims_TheListKeepsAtMostFourBatches()
    {
        var frames = NewFrames(out var dma32);
        var pfns = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            pfns.Add(frames.Allocate(FrameKind.Anon, 0, i));
        }

        frames.DrainPcp();
        frames.ReclaimActive = true;   // nr_pcp_high: min(batch << 2, high) under ZONE_RECLAIM_ACTIVE
        foreach (var pfn in pfns)
        {
            frames.Free(pfn);
            Assert.True(frames.PcpCount(dma32) < Dma32Batch << 2);
        }
    }

    [Fact]
    public void Zoneinfo_PrintsThePagesetsCount_AndMemFreeLeavesThemOut()
    {
        var kernel = Boot(m => m.Ram = 64UL << 20);
        var mm = kernel.Process();
        kernel.MapAnon(mm, 1UL << 20, populate: true);

        var dma32 = kernel.ZoneStates().Single(z => z.Zone.Type == ZoneType.Dma32);
        var buddy = kernel.BuddyFreeBlocksByZone().Sum(z => z.Blocks.Select((n, o) => n << o).Sum());

        Assert.True(dma32.PcpCount > 0);
        Assert.Equal(buddy * 4096, kernel.Meminfo(MeminfoField.MemFree));
        kernel.AssertSelfChecksPass();
    }

    private static FrameTable NewFrames(out int dma32)
    {
        var layout = ZoneLayout.For(new MachineSettings { Ram = 64UL << 20 });
        var frames = new FrameTable(16384, 0, layout);
        frames.EnablePcp();
        dma32 = frames.PopulatedZones.ToList().FindIndex(z => z.Type == ZoneType.Dma32);
        Assert.Equal(Dma32Batch, frames.PopulatedZones[dma32].PcpBatch);
        Assert.Equal(Dma32High, frames.PopulatedZones[dma32].PcpHighMin);
        return frames;
    }
}
