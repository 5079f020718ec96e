using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

public class LinuxPolicyTests
{
    private static PageKey Anon(int n) => new(false, 1, n);

    private static PageKey File(int n) => new(true, 7, n);

    private static FakeReclaimContext Machine(int frames)
    {
        var table = new FrameTable(frames, 0);
        return new FakeReclaimContext(table, new LinuxPolicy());
    }

    /// <summary>Faults the pages in and lets time pass: their accessed bits are clear.</summary>
    private static void FaultOld(FakeReclaimContext context, params PageKey[] pages)
    {
        foreach (var page in pages)
        {
            context.Touch(page);
            context.Forget(page);
        }
    }

    private static LruList ListOf(FakeReclaimContext context, PageKey page) => LruLists.ListOf(context.Frames[context.FrameOf(page)]);

    [Fact]
    public void ReferencedFilePage_SurvivesARound_TheOldestUnreferencedGoes()
    {
        var context = Machine(3);
        FaultOld(context, File(1), File(2), File(3));
        context.Touch(File(1));   // the oldest page is used again

        var tally = context.Policy.Reclaim(context, 1);

        Assert.Equal(1, tally.Reclaimed);
        Assert.Equal([File(2)], context.Evicted);
        Assert.Equal(LruList.InactiveFile, ListOf(context, File(1)));
        Assert.True((context.Frames[context.FrameOf(File(1))].Flags & FrameFlags.Referenced) != 0);
        Assert.Equal(0, context.Counter(VmCounter.pgactivate));
    }

    [Fact]
    public void FilePageReferencedInTwoRounds_IsActivated()
    {
        var context = Machine(3);
        FaultOld(context, File(1), File(2));
        context.Touch(File(1));
        context.Policy.Reclaim(context, 1);   // File(1) kept with PG_referenced, File(2) goes
        context.Touch(File(1));
        FaultOld(context, File(3));           // inactive list: File(3), File(1) at the tail

        context.Policy.Reclaim(context, 1);

        Assert.Equal(LruList.ActiveFile, ListOf(context, File(1)));
        Assert.Equal(1, context.Counter(VmCounter.pgactivate));
        Assert.Equal([File(2), File(3)], context.Evicted);
    }

    [Fact]
    public void FilePageMappedByTwoProcesses_IsActivatedAtOnce()
    {
        var context = Machine(3);
        FaultOld(context, File(1), File(2), File(3));
        context.Touch(File(1), ptes: 2);

        context.Policy.Reclaim(context, 1);

        Assert.Equal(LruList.ActiveFile, ListOf(context, File(1)));
        Assert.Equal(1, context.Counter(VmCounter.pgactivate));
    }

    [Fact]
    public void ReferencedAnonPage_IsActivatedAtOnce()
    {
        var context = Machine(3);
        FaultOld(context, Anon(1), Anon(2), Anon(3));
        context.Touch(Anon(1));

        context.Policy.Reclaim(context, 1);

        Assert.Equal(LruList.ActiveAnon, ListOf(context, Anon(1)));
        Assert.Equal([Anon(2)], context.Evicted);
    }

    [Fact]
    public void LargeActiveList_IsAgedIntoTheInactiveOne_ClearingAccessedBits()
    {
        var context = Machine(10);
        FaultOld(context, File(0), File(1), File(2), File(3), File(4), File(5), File(6), File(7));
        for (var n = 2; n < 8; n++)
        {
            context.Frames.Lru.MoveToHead(context.Frames, context.FrameOf(File(n)), LruList.ActiveFile);
            context.Touch(File(n));   // used, and their bits still set
        }

        context.Policy.Reclaim(context, 1);

        Assert.True(context.Counter(VmCounter.pgdeactivate) > 0);
        var deactivated = Enumerable.Range(2, 6).Where(n => context.IsResident(File(n)) && ListOf(context, File(n)) == LruList.InactiveFile).ToList();
        Assert.Equal(context.Counter(VmCounter.pgdeactivate), deactivated.Count);
        Assert.All(deactivated, n => Assert.False(context.AccessedBitSet(File(n))));
    }

    [Fact]
    public void SmallActiveList_IsLeftAlone()
    {
        var context = Machine(10);
        FaultOld(context, File(0), File(1), File(2), File(3), File(4), File(5));
        context.Frames.Lru.MoveToHead(context.Frames, context.FrameOf(File(5)), LruList.ActiveFile);

        context.Policy.Reclaim(context, 1);

        Assert.Equal(0, context.Counter(VmCounter.pgdeactivate));
        Assert.Equal(LruList.ActiveFile, ListOf(context, File(5)));
    }

    [Fact]
    public void SwappinessZero_TakesFileOnly_EvenWhenAnonIsOlder()
    {
        var context = Machine(8);
        context.Swappiness = 0;
        FaultOld(context, Anon(1), Anon(2), Anon(3), Anon(4), File(1), File(2), File(3), File(4));

        var tally = context.Policy.Reclaim(context, 3);

        Assert.Equal(3, tally.Reclaimed);
        Assert.All(context.Evicted, page => Assert.True(page.OnObject));
    }

    [Fact]
    public void SwappinessZero_TakesAnon_WhenNoFilePageIsLeft()
    {
        var context = Machine(4);
        context.Swappiness = 0;
        FaultOld(context, Anon(1), Anon(2), Anon(3), Anon(4));

        var tally = context.Policy.Reclaim(context, 2);

        Assert.Equal(2, tally.Reclaimed);
        Assert.Equal([Anon(1), Anon(2)], context.Evicted);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(200)]
    public void NoSwap_TakesFileOnly(int swappiness)
    {
        var context = Machine(8);
        context.Swappiness = swappiness;
        context.CanSwap = false;
        FaultOld(context, Anon(1), Anon(2), Anon(3), Anon(4), File(1), File(2), File(3), File(4));

        var tally = context.Policy.Reclaim(context, 6);

        Assert.Equal(4, tally.Reclaimed);   // the anon pages cannot go anywhere
        Assert.Equal([File(1), File(2), File(3), File(4)], context.Evicted);
    }

    [Fact]
    public void Swappiness200_PrefersAnon()
    {
        var context = Machine(8);
        context.Swappiness = 200;
        FaultOld(context, File(1), File(2), File(3), File(4), Anon(1), Anon(2), Anon(3), Anon(4));

        context.Policy.Reclaim(context, 2);

        Assert.Equal([Anon(1), Anon(2)], context.Evicted);
    }

    [Fact]
    public void EveryPageReferenced_AStillFullScanFreesOne_CountingWhatItScanned()
    {
        var context = Machine(4);
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            context.Touch(File(n));
        }

        var tally = context.Policy.Reclaim(context, 1);

        Assert.Equal(1, tally.Reclaimed);
        Assert.True(tally.Scanned > 4, $"scanned {tally.Scanned}");
    }
}
