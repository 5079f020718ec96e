using MemScript.Runtime;
using MemScript.Tests.Runtime.Scenarios;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The <c>buddyinfo</c> statement: a /proc/buddyinfo snapshot of the running machine.</summary>
public class BuddyinfoSnapshotTests
{
    private static IEnumerable<Op> Report(MemScript.Runtime.Proc p)
    {
        p.Report(TestScenario.At(3), ReportKind.Buddyinfo, null);
        yield return Op.Next;
    }

    [Fact]
    public void Buddyinfo_InAProcess_ShowsItsPageDirectoryAndFirstSlabsSplittingOneMaxOrderBlockOfDma32()
    {
        var result = TestScenario.Run(b => b.Process(TestScenario.At(2), "p", ProcessOptions.Default, Report));

        var snapshot = result.Timeline.OfType<TimelineEvent.Snapshot>().Single();
        Assert.Equal("/proc/buddyinfo", snapshot.Title);
        // The page directory and the task's first slabs (task_struct, mm_struct and sighand_cache order 3,
        // signal_cache and files_cache order 2, fs_cache and vm_area_struct order 0) split one max-order
        // block of DMA32, the highest zone of this machine; DMA is untouched.
        Assert.Equal(
            [
                "Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 ",
                "Node 0, zone    DMA32      1      0      1      1      1      0      1      1      1      1     11 ",
            ],
            snapshot.Lines);
    }
}
