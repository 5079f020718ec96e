using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.Sched;
using static MemScript.Tests.Runtime.Reclaim.TextbookRun;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// OPT's record of the future is compact (a run of accesses to one page is
/// one entry) and bounded (past its limit the first pass stops at the work
/// limit), and OPT chooses on runs as it does on single accesses.
/// </summary>
public class OptRecordTests
{
    [Fact]
    public void RepeatedAccessesToOnePage_AreOneRun()
    {
        var trace = new PageTrace();
        for (var i = 0; i < 1000; i++)
            trace.Record(Page(1));
        trace.Record(Page(2));
        trace.Record(Page(1));

        Assert.Equal(3, trace.Count);
        Assert.Equal(1002, trace.Accesses);
        Assert.Equal(2, trace.Keys);
        Assert.Equal(1000, trace.LengthAt(0));
        Assert.Equal(trace.IdAt(0), trace.IdAt(2));
    }

    [Fact]
    public void ARecordPastItsLimit_StopsAtTheWorkLimit_NamingTheLimit()
    {
        var trace = new PageTrace(maxRuns: 4);
        for (var i = 0; i < 4; i++)
        {
            trace.Record(Page(i));
            trace.Record(Page(i));   // a repeat costs nothing
        }

        var e = Assert.Throws<WorkLimitExceededException>(() => trace.Record(Page(9)));
        Assert.Contains("at most 4 runs", e.Message);
        Assert.Contains("at its access 9;", e.Message);
        Assert.Equal(int.MaxValue - 1, PageTrace.MaxRuns);
    }

    [Theory]
    [InlineData(3, new[] { 7, 7, 0, 1, 1, 1, 2, 0, 0, 3, 0, 4, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 7, 0, 1 })]
    [InlineData(2, new[] { 1, 1, 2, 2, 3, 3, 1, 1, 2, 3, 3, 3, 1 })]
    [InlineData(4, new[] { 5, 5, 5, 5, 5, 1, 2, 3, 4, 5, 5, 1, 1, 6, 6, 2, 3, 4, 5, 6, 6, 6 })]
    public void ReferenceStringsWithRepeats_FaultAsBeladysOpt(int frames, int[] references)
    {
        Assert.Equal(ReferencePolicies.Opt(frames, references), Faults("opt", frames, references));
    }

    [Fact]
    public void RandomStringsWithRuns_FaultAsBeladysOpt()
    {
        var random = new System.Random(11);
        for (var round = 0; round < 200; round++)
        {
            var references = new List<int>();
            while (references.Count < 60)
            {
                var page = random.Next(8);
                for (var repeat = random.Next(1, 4); repeat > 0; repeat--)
                    references.Add(page);
            }

            var frames = random.Next(1, 6);
            Assert.Equal(ReferencePolicies.Opt(frames, references), Faults("opt", frames, references));
        }
    }
}

/// <summary>
/// OPT's record past its part in memory goes to a file, and the replay reads
/// it back in step: the faults are those of Belady's OPT whichever way the
/// record was kept, down to blocks of a few runs.
/// </summary>
public class OptSpilledRecordTests
{
    private static long Faults(int frames, IReadOnlyList<int> references, int spillRuns)
    {
        var first = Once(frames, references, null, spillRuns);
        using var recorded = ((OptPolicy)first.Policy).Recorded!;
        Assert.Equal(spillRuns < recorded.Count, recorded.Spilled);
        return Once(frames, references, recorded, spillRuns).Faults;
    }

    private static FakeReclaimContext Once(int frames, IReadOnlyList<int> references, PageTrace? future, int spillRuns)
    {
        var table = new MemScript.Runtime.Mm.FrameTable(frames, 0);
        var context = new FakeReclaimContext(table, new OptPolicy(table, future, spillRuns));
        foreach (var n in references)
            context.Touch(Page(n));
        return context;
    }

    [Fact]
    public void RandomStrings_FaultAsBeladysOpt_InMemoryAndFromTheFile()
    {
        var random = new System.Random(23);
        for (var round = 0; round < 30; round++)
        {
            var references = new List<int>();
            while (references.Count < 3000)
            {
                var page = random.Next(60);
                for (var repeat = random.Next(1, 3); repeat > 0; repeat--)
                    references.Add(page);
            }

            var frames = random.Next(2, 40);
            var expected = ReferencePolicies.Opt(frames, references);
            Assert.Equal(expected, Faults(frames, references, PageTrace.DefaultSpillRuns));
            Assert.Equal(expected, Faults(frames, references, 5));
        }
    }

    [Fact]
    public void ARecordOfManyBlocks_RoundTrips()
    {
        // More than two file blocks of runs: the same faults as the record kept in memory.
        var random = new System.Random(3);
        var references = Enumerable.Range(0, 2 * PageTrace.BlockRuns + 777).Select(_ => random.Next(5003)).ToList();
        Assert.Equal(Faults(300, references, PageTrace.DefaultSpillRuns), Faults(300, references, 1000));
    }
}

/// <summary>
/// The record numbers new runs' keys a batch at a time (<see cref="PageTrace.Batch"/>);
/// the runs, their lengths and the first-use numbering are those of one
/// access at a time, whichever side of a batch's edge a run falls.
/// </summary>
public class PageTraceBatchTests
{
    [Fact]
    public void RunsAcrossBatchEdges_KeepTheirLengthsAndFirstUseNumbers()
    {
        var random = new System.Random(5);
        var trace = new PageTrace();
        var expectedIds = new List<int>();
        var expectedLengths = new List<int>();
        var firstUse = new Dictionary<int, int>();
        var last = -1;
        for (var i = 0; i < 20 * PageTrace.Batch; i++)
        {
            var page = random.Next(3 * PageTrace.Batch);
            if (page == last)
                page = (page + 1) % (3 * PageTrace.Batch);
            var length = random.Next(1, 2 * PageTrace.Batch);   // some runs longer than a batch
            for (var n = 0; n < length; n++)
                trace.Record(Page(page));
            if (!firstUse.ContainsKey(page))
                firstUse[page] = firstUse.Count;
            expectedIds.Add(firstUse[page]);
            expectedLengths.Add(length);
            last = page;
        }

        Assert.Equal(expectedIds.Count, trace.Count);
        Assert.Equal(firstUse.Count, trace.Keys);
        for (var r = 0; r < expectedIds.Count; r++)
        {
            Assert.Equal(expectedIds[r], trace.IdAt(r));
            Assert.Equal(expectedLengths[r], trace.LengthAt(r));
        }

        Assert.Equal(Page(last), trace.KeyOf(trace.IdAt(trace.Count - 1)));
    }
}
