using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// <c>shmget "KEY" SIZE huge</c> (SHM_HUGETLB), as ipc/shm.c newseg and
/// mm/hugetlb.c do it: the segment's huge pages are reserved at the shmget
/// (hugetlb_file_setup, ENOMEM when the pool cannot cover them), taken from
/// the pool at their first touch (one fault per 2 MiB), counted in
/// HugePages_*, Hugetlb and smaps' Shared_Hugetlb, never in RSS nor Shmem.
/// </summary>
public sealed class ShmHugetlbTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("shm.mems", text);

    [Fact]
    public void Shmget_Reserves_ThenTouch_TakesPoolPages_OneFaultPer2MiB_NotInRss()
    {
        var r = Run("""
            machine { hugepages 4 }
            process p {
              s = shmget "0x1234" 4M huge
              expect meminfo.HugePages_Rsvd == 2
              expect meminfo.HugePages_Free == 4
              expect meminfo.Committed_AS == 148K
              touch s
              expect meminfo.HugePages_Rsvd == 0
              expect meminfo.HugePages_Free == 2
              expect meminfo.Hugetlb == 8M
              expect meminfo.Shmem == 0
              expect p.VmRSS == 0
              expect p.RssShmem == 0
            }
            """);

        Assert.Equal(2, CheckedRun.Row(r, 7).MinFlt);
        Assert.Equal(9, r.Expectations.Count);
    }

    [Fact]
    public void Shmget_BeyondThePool_FailsWithEnomem()
    {
        var r = Run("""
            machine { hugepages 2 }
            process p {
              s = shmget "k" 6M huge
              expect meminfo.HugePages_Rsvd == 0
            }
            """);

        Assert.Equal("ENOMEM", CheckedRun.Row(r, 3).Detail);
    }

    [Fact]
    public void TwoProcesses_AttachingTheSegment_ShowSharedHugetlb_AndThePagesStayUntilShmrm()
    {
        var r = Run("""
            machine { hugepages 4 }
            process a {
              s = shmget "k" 2M huge
              touch s
              sleep 1ms
              smaps
            }
            process b (start 500us) {
              t = shmat "k"
              read t
              expect b.minflt == 1
              sleep 1ms
              exit
            }
            process c (start 5ms) {
              expect meminfo.HugePages_Free == 3
              shmrm "k"
              expect meminfo.HugePages_Free == 3
            }
            """);

        var lines = r.Timeline.OfType<TimelineEvent.Snapshot>().Single().Lines;
        Assert.Contains(lines, l => l.StartsWith("Shared_Hugetlb:", StringComparison.Ordinal) && l.Contains(" 2048 kB", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/SYSV", StringComparison.Ordinal));
    }

    [Fact]
    public void ShmgetHuge_WithoutAPool_Warns1310_AndWithOneDoesNot()
    {
        var warning = MemScript.Tests.Dsl.FrontendHelper.AssertSingle("process p {\n  s = shmget \"k\" 2M huge\n}", "MEMS1310", 2, 3);

        Assert.Contains("SHM_HUGETLB", warning.Message);
        MemScript.Tests.Dsl.FrontendHelper.AssertClean("machine { hugepages 1 }\nprocess p {\n  s = shmget \"k\" 2M huge\n}");
        MemScript.Tests.Dsl.FrontendHelper.AssertClean("process p {\n  s = shmget \"k\" 2M\n}");
    }
}
