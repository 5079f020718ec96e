using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// <c>mmap SIZE huge 1G</c> (MAP_HUGETLB | MAP_HUGE_1GB) on the 1 GiB pool that
/// <c>hugepages N size 1G</c> takes at boot: the reservation is made at mmap
/// (ENOMEM when the pool cannot cover it), the length is rounded up to 1 GiB,
/// one fault maps a whole 1 GiB page with one PUD entry (no PMD or PTE table:
/// VmPTE does not move), smaps says KernelPageSize 1048576 kB, meminfo's
/// HugePages_* lines stay those of the default 2 MiB hstate while Hugetlb sums
/// both (mm/hugetlb.c hugetlb_report_meminfo), and the TLB holds one 1 GiB
/// entry for the page.
/// </summary>
public sealed class GiantHugetlbTests
{
    private static SimulationResult Run(string text) => CheckedRun.Of("giant.mems", text);

    private static string[] Snapshot(SimulationResult r, int line) =>
        [.. r.Timeline.OfType<TimelineEvent.Snapshot>().Single(s => s.Site.Line == line).Lines];

    private static string Field(string[] lines, string name) =>
        lines.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    [Fact]
    public void Writing1GiB_IsOneFault_OnePudEntry_VmPteUnchanged()
    {
        var r = Run("""
            machine { ram 4G; hugepages 2 size 1G }
            process p {
              write stack[..4K]
              status
              a = mmap 1G huge 1G
              write a
              status
              smaps
              expect meminfo.Hugetlb == 2G
              expect meminfo.HugePages_Total == 0
              expect meminfo.Hugepagesize == 2M
              expect p.VmRSS == 4K
            }
            """);

        Assert.Equal(1, CheckedRun.Row(r, 6).MinFlt);
        var before = Snapshot(r, 4);
        var after = Snapshot(r, 7);
        Assert.Equal(Field(before, "VmPTE"), Field(after, "VmPTE"));
        Assert.Equal("1048576 kB", Field(after, "HugetlbPages"));
        var smaps = Snapshot(r, 8);
        Assert.Contains("KernelPageSize:  1048576 kB", smaps);
        Assert.Contains("MMUPageSize:     1048576 kB", smaps);
        Assert.Contains("Private_Hugetlb: 1048576 kB", smaps);
    }

    [Fact]
    public void TheMapping_Is1GiBAligned_AndItsLengthRoundedUpTo1GiB()
    {
        var r = Run("""
            machine { ram 4G; hugepages 2 size 1G }
            process p {
              a = mmap 1025M huge 1G
              maps
            }
            """);

        var detail = CheckedRun.Row(r, 3).Detail!;
        var at = Convert.ToUInt64(detail[(detail.IndexOf("0x", StringComparison.Ordinal) + 2)..].TrimEnd(')'), 16);
        Assert.Equal(0UL, at & ((1UL << 30) - 1));
        Assert.Contains(Snapshot(r, 4), l => l.StartsWith($"{at:x}-{at + (2UL << 30):x} rw-p", StringComparison.Ordinal));
    }

    [Fact]
    public void TheReservation_IsMadeAtMmap_ENOMEMWhenThePoolCannotCoverIt()
    {
        var r = Run("""
            machine { ram 4G; hugepages 1 size 1G }
            process p {
              a = mmap 1G huge 1G
              b = mmap 1G huge 1G
              c = mmap 2M huge
              munmap a
              d = mmap 1G huge 1G
              write d
            }
            """);

        Assert.DoesNotContain("ENOMEM", CheckedRun.Row(r, 3).Detail ?? "", StringComparison.Ordinal);
        Assert.Contains("ENOMEM", CheckedRun.Row(r, 4).Detail, StringComparison.Ordinal);
        Assert.Contains("ENOMEM", CheckedRun.Row(r, 5).Detail, StringComparison.Ordinal);   // the 2 MiB hstate's pool is empty
        Assert.DoesNotContain("ENOMEM", CheckedRun.Row(r, 7).Detail ?? "", StringComparison.Ordinal);
        Assert.Equal(1, CheckedRun.Row(r, 8).MinFlt);
    }

    [Fact]
    public void SysctlNrHugepages_SizesTheDefaultPool_HugetlbSumsBoth()
    {
        var r = Run("""
            machine { ram 4G; hugepages 1 size 1G }
            at 0ms {
              sysctl vm.nr_hugepages = 3
              expect meminfo.HugePages_Total == 3
              expect meminfo.Hugepagesize == 2M
              expect meminfo.Hugetlb == 1030M
            }
            process p {
              sleep 1us
              a = mmap 1G huge 1G
              h = mmap 4M huge
              write a
              write h
              expect meminfo.HugePages_Free == 1
              expect meminfo.HugePages_Rsvd == 0
              hugepages
            }
            """);

        Assert.Equal(1, CheckedRun.Row(r, 12).MinFlt);
        Assert.Equal(2, CheckedRun.Row(r, 13).MinFlt);
        Assert.Equal(
            [
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages:1",
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_overcommit_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/resv_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-1048576kB/surplus_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages:1",
                "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages:3",
                "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_overcommit_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-2048kB/resv_hugepages:0",
                "/sys/kernel/mm/hugepages/hugepages-2048kB/surplus_hugepages:0",
            ],
            Snapshot(r, 16));
    }

    [Fact]
    public void RandomReads_Over1GiB_MissTheTlbOnce_With1GiBPages()
    {
        var r = Run("""
            machine { ram 4G; hugepages 1 size 1G }
            process giant {
              a = mmap 1G huge 1G
              write a[..4K]
              read a random 100000
            }
            process small {
              a = mmap 1G
              write a[..4K]
              read a random 100000
            }
            """);

        var giant = r.Processes.Single(p => p.Name == "giant").Tlb;
        var small = r.Processes.Single(p => p.Name == "small").Tlb;
        Assert.Equal(100000, giant.DtlbLoads);
        Assert.Equal(0, giant.DtlbLoadMisses);   // the write's fault left the 1 GiB entry in the TLB
        Assert.True(small.DtlbLoadMisses > 90000, small.DtlbLoadMisses.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fork_SharesThePage_AndACowWriteCopiesItIntoAFreePoolPage()
    {
        var r = Run("""
            machine { ram 4G; hugepages 2 size 1G }
            process p {
              a = mmap 1G huge 1G
              write a[..4K]
              fork child {
                write a[..4K]
                smaps
                sleep 1ms
              }
              sleep 100us
              smaps
            }
            """);

        Assert.Equal(1, CheckedRun.Row(r, 6).MinFlt);
        Assert.Contains("Private_Hugetlb: 1048576 kB", Snapshot(r, 7));
        Assert.Contains("Private_Hugetlb: 1048576 kB", Snapshot(r, 11));
        Assert.DoesNotContain(r.Processes, p => p.State == ProcessState.Sigbus);
    }

    [Fact]
    public void Fork_CowWithoutAFreePage_IsSigbus()
    {
        var r = Run("""
            machine { ram 4G; hugepages 1 size 1G }
            process p {
              a = mmap 1G huge 1G
              write a[..4K]
              fork child {
                write a[..4K]
              }
              sleep 1ms
            }
            """);

        Assert.Contains(r.Processes, p => p.State == ProcessState.Sigbus);
    }

    [Fact]
    public void Munmap_OfPartOfA1GiBPage_IsEINVAL()
    {
        var r = Run("""
            machine { ram 4G; hugepages 1 size 1G }
            process p {
              a = mmap 1G huge 1G
              munmap a[2M..4M]
            }
            """);

        Assert.Contains("EINVAL", CheckedRun.Row(r, 4).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0)]     // four 1 GiB pages fit the L1 dTLB's four 1 GiB entries
    [InlineData(5, 500)]   // a fifth evicts one each time, round-robin: every load walks (no STLB)
    public void TheL1DtlbHoldsFour1GiBEntries(int gib, int misses)
    {
        var r = Run($$"""
            machine { ram 8G; hugepages 5 size 1G; stlb off }
            process p {
              a = mmap {{gib}}G huge 1G
              write a stride 1G
              read a stride 1G times 100
            }
            """);

        var tlb = r.Processes.Single().Tlb;
        Assert.Equal(gib * 100, tlb.DtlbLoads);
        Assert.Equal(misses, tlb.DtlbLoadMisses);
    }
}
