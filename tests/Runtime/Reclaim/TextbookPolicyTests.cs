using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using static MemScript.Tests.Runtime.Reclaim.TextbookRun;

namespace MemScript.Tests.Runtime.Reclaim;

public class TextbookPolicyTests
{
    private const string Silberschatz = "7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1";
    private const string Belady = "1 2 3 4 1 2 5 1 2 3 4 5";

    [Theory]
    [InlineData("fifo", 15)]
    [InlineData("lru", 12)]
    [InlineData("opt", 9)]
    [InlineData("clock", 14)]
    public void SilberschatzString_OnThreeFrames_FaultsAsTheTextbookSays(string policy, int faults) =>
        Assert.Equal(faults, Faults(policy, 3, Parse(Silberschatz)));

    [Fact]
    public void BeladyString_Fifo_FaultsMoreWithFourFramesThanThree()
    {
        Assert.Equal(9, Faults("fifo", 3, Parse(Belady)));
        Assert.Equal(10, Faults("fifo", 4, Parse(Belady)));
    }

    public static TheoryData<string, int, int> Strings()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var policy in new[] { "fifo", "lru", "opt", "clock" })
        {
            foreach (var frames in new[] { 1, 2, 3, 4, 5, 8 })
            {
                foreach (var seed in new[] { 1, 2, 3 })
                {
                    data.Add(policy, frames, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void RandomStrings_FaultAsTheStraightforwardReference(string policy, int frames, int seed)
    {
        var refs = ReferenceString(seed, length: 300, pages: 12);
        var expected = policy switch
        {
            "fifo" => ReferencePolicies.Fifo(frames, refs),
            "lru" => ReferencePolicies.Lru(frames, refs),
            "opt" => ReferencePolicies.Opt(frames, refs),
            _ => ReferencePolicies.Clock(frames, refs),
        };

        Assert.Equal(expected, Faults(policy, frames, refs));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Opt_NeverFaultsMoreThanAnyOtherPolicy(int frames)
    {
        var refs = ReferenceString(7, length: 2000, pages: 20);
        var opt = Faults("opt", frames, refs);
        foreach (var policy in new[] { "fifo", "lru", "clock", "random" })
        {
            Assert.True(opt <= Faults(policy, frames, refs), $"{policy} beat opt");
        }
    }

    [Fact]
    public void Random_SameSeedSameFaults_OtherSeedOtherVictims()
    {
        var refs = ReferenceString(11, length: 500, pages: 10);
        var a = Run("random", 4, refs, seed: 42);
        var b = Run("random", 4, refs, seed: 42);
        var c = Run("random", 4, refs, seed: 43);

        Assert.Equal(a.Evicted, b.Evicted);
        Assert.NotEqual(a.Evicted, c.Evicted);
        Assert.InRange(a.Faults, ReferencePolicies.Opt(4, refs), refs.Length);
    }

    [Fact]
    public void Random_ChoosesEveryResidentPageAboutEqually()
    {
        // 4 frames full of pages 0..3; page 100 evicts one, leaves, the victim comes back.
        var context = Run("random", 4, [0, 1, 2, 3], seed: 5);
        var hits = new int[4];
        for (var round = 0; round < 1200; round++)
        {
            context.Touch(Page(100));
            var victim = context.Evicted[^1];
            hits[victim.Index]++;
            context.Drop(Page(100));
            context.Touch(Page((int)victim.Index));
        }

        Assert.All(hits, n => Assert.InRange(n, 240, 360));
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("clock")]
    [InlineData("opt")]
    [InlineData("random")]
    public void PageThatCannotGo_IsSkipped_AndAnotherIsEvicted(string policy)
    {
        var context = Run(policy, 3, [1, 2, 3]);
        var pinned = context.FrameOf(Page(1));
        context.Pinned.Add(pinned);
        context.Pinned.Add(context.FrameOf(Page(2)));

        context.Touch(Page(4));

        Assert.True(context.IsResident(Page(1)));
        Assert.True(context.IsResident(Page(2)));
        Assert.Equal([Page(3)], context.Evicted);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("lru")]
    [InlineData("clock")]
    [InlineData("random")]
    public void NothingCanGo_ReclaimFreesNothing_AndSaysSo(string policy)
    {
        var context = Run(policy, 3, [1, 2, 3]);
        context.CanSwap = false;   // anon pages with no swap stay

        var tally = context.Policy.Reclaim(context, 1);

        Assert.Equal(0, tally.Reclaimed);
        Assert.True(tally.Scanned >= 3, $"scanned {tally.Scanned}");
        Assert.Empty(context.Evicted);
    }

    [Fact]
    public void Opt_PrefetchedPageNeverUsed_IsTheFirstToGo()
    {
        // Pass 1 and 2 see the same accesses; page 9 comes in by read-around only.
        PageTrace? future = null;
        FakeReclaimContext context = null!;
        for (var pass = 0; pass < 2; pass++)
        {
            var table = new FrameTable(3, 0);
            context = new FakeReclaimContext(table, new OptPolicy(table, future));
            context.Touch(Page(1));
            context.Prefetch(Page(9));
            context.Touch(Page(2));
            context.Touch(Page(3));
            context.Touch(Page(1));
            context.Touch(Page(2));
            future = ((OptPolicy)context.Policy).Recorded;
        }

        Assert.Equal([Page(9)], context.Evicted);
    }

    [Fact]
    public void Clock_FreedFrameLeavesTheCircle_HandMovesOn()
    {
        var context = Run("clock", 3, [1, 2, 3]);
        context.Frames.Free(context.FrameOf(Page(1)));   // e.g. munmap of the oldest page

        context.Touch(Page(4));   // a free frame: no reclaim
        context.Touch(Page(5));   // full: the sweep clears 2, 3, 4 and takes 2

        Assert.Equal([Page(2)], context.Evicted);
    }

    [Fact]
    public void Opt_PrefetchedPageUsedLater_IsKeptOverAPageUsedLast()
    {
        // page 9 comes in by read-around and is used next: page 2, used last, goes instead
        PageTrace? future = null;
        FakeReclaimContext context = null!;
        for (var pass = 0; pass < 2; pass++)
        {
            var table = new FrameTable(3, 0);
            context = new FakeReclaimContext(table, new OptPolicy(table, future));
            context.Touch(Page(1));
            context.Prefetch(Page(9));
            context.Touch(Page(2));
            context.Touch(Page(3));   // full: evicts one of 1, 9, 2
            context.Touch(Page(9));
            context.Touch(Page(1));
            context.Touch(Page(2));
            future = ((OptPolicy)context.Policy).Recorded;
        }

        Assert.Equal(Page(2), context.Evicted[0]);
    }

    private static int[] ReferenceString(int seed, int length, int pages)
    {
        var random = new Random(seed);
        var refs = new int[length];
        for (var i = 0; i < length; i++)
        {
            // some locality: half the time stay near the previous page
            refs[i] = i > 0 && random.Next(2) == 0 ? Math.Clamp(refs[i - 1] + random.Next(-1, 2), 0, pages - 1) : random.Next(pages);
        }

        return refs;
    }
}
