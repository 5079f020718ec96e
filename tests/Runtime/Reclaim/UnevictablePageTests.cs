using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// The textbook policies when most resident pages cannot go (anonymous pages
/// with no swap): each reclaim finds the evictable page without rescanning
/// every unevictable one, and when swap comes back the oldest pages go first
/// again, as if nothing had been set aside.
/// </summary>
public class UnevictablePageTests
{
    private const int AnonPages = 2000;
    private const int FileReads = 500;

    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("opt")]
    [InlineData("random")]
    public void ManyUnevictablePages_ScanStaysLinear_InReclaimsAndPages(string policy)
    {
        var context = Run(policy, swapBackAfter: -1);

        Assert.Equal(FileReads - 1, context.Evicted.Count);
        Assert.All(context.Evicted, key => Assert.True(key.OnObject));
        Assert.InRange(context.Scanned, FileReads, (2 * AnonPages) + (4 * FileReads));
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("opt")]
    public void SwapBack_OldestAnonPageGoesFirst(string policy)
    {
        var context = Run(policy, swapBackAfter: FileReads - 1);

        Assert.Equal(new PageKey(false, 1, 0), context.Evicted[^1]);
    }

    [Fact]
    public void Opt_UnevictablePagesUsedAgainLater_AreNotRescannedEachReclaim()
    {
        var future = ((OptPolicy)Once("opt", -1, null, fileRounds: 2, anonAgain: true).Policy).Recorded;
        var context = Once("opt", -1, future, fileRounds: 2, anonAgain: true);

        Assert.Equal((2 * FileReads) - 1, context.Evicted.Count);
        Assert.InRange(context.Scanned, FileReads, (2 * AnonPages) + (8 * FileReads));
    }

    /// <summary>AnonPages anonymous pages fill memory but one frame, then FileReads file pages are read one by one, no swap.</summary>
    private static FakeReclaimContext Run(string policy, int swapBackAfter)
    {
        PageTrace? future = null;
        if (policy == "opt")
        {
            future = ((OptPolicy)Once(policy, swapBackAfter, null).Policy).Recorded;
        }

        return Once(policy, swapBackAfter, future);
    }

    private static FakeReclaimContext Once(string policy, int swapBackAfter, PageTrace? future, int fileRounds = 1, bool anonAgain = false)
    {
        var machine = new MachineSettings { Reclaim = policy, ReclaimSeed = 7 };
        var table = new FrameTable(AnonPages + 1, 0);
        var context = new FakeReclaimContext(table, ReclaimPolicies.Create(machine, table, future)) { CanSwap = false };
        for (var n = 0; n < AnonPages; n++)
        {
            context.Touch(new PageKey(false, 1, n));
        }

        for (var round = 0; round < fileRounds; round++)
        {
            for (var n = 0; n < FileReads; n++)
            {
                context.CanSwap = n == swapBackAfter;
                context.Touch(new PageKey(true, 1, n));
            }
        }

        for (var n = 0; anonAgain && n < AnonPages; n++)
        {
            context.Touch(new PageKey(false, 1, n));
        }

        return context;
    }
}
