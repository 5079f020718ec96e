using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// The hugetlb pool (mm/hugetlb.c), with the figures its code gives (no
/// hugetlb page can be allocated on the probe machine: nr_hugepages is 0):
/// hugetlb_reserve_pages reserves at mmap and fails it with ENOMEM when
/// free - reserved cannot cover it; hugetlb_no_page takes one page per 2 MiB
/// and consumes the reservation, mapping a private page read-only on a read
/// (make_huge_pte with VM_WRITE and VM_SHARED); hugetlb_report_meminfo's
/// HugePages_Total/Free/Rsvd/Surp; hugetlb_report_usage's HugetlbPages, never
/// in VmRSS; copy_hugetlb_page_range shares a private page with the child
/// write-protected, hugetlb_wp copies it or SIGBUSes (alloc_hugetlb_folio's
/// -ENOSPC through vmf_error); set_max_huge_pages grows and shrinks the pool.
/// </summary>
public class HugetlbTests
{
    private const ulong Huge = 2UL << 20;

    private static Kernel Pool(long pages, ulong ram = 128UL << 20) => Boot(m =>
    {
        m.Ram = ram;
        m.HugePages = pages;
    });

    private static long Meminfo(Kernel kernel, MeminfoField field) => kernel.Meminfo(field);

    private static ulong MapHuge(Kernel kernel, int mm, ulong length, bool shared = false, bool populate = false)
    {
        var start = kernel.Mmap(mm, new MmapRequest(length, shared ? MapKind.AnonShared : MapKind.AnonPrivate, Read: true, Write: true, Exec: false,
            Shared: shared, Populate: populate, Huge: true), out var error);
        Assert.Equal(Errno.Ok, error);
        return start;
    }

    [Fact]
    public void BootPool_IsTakenFromRam_NotFree_MemTotalUnchanged()
    {
        var kernel = Pool(16);

        Assert.Equal(16, Meminfo(kernel, MeminfoField.HugePages_Total));
        Assert.Equal(16, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        Assert.Equal(2048, Meminfo(kernel, MeminfoField.Hugepagesize) / 1024);
        Assert.Equal(32768, Meminfo(kernel, MeminfoField.Hugetlb) / 1024);
        Assert.Equal(128L << 20, Meminfo(kernel, MeminfoField.MemTotal));
        Assert.Equal((128L - 32) << 20, Meminfo(kernel, MeminfoField.MemFree));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MmapHuge_Reserves_ThenOneFaultPerHugePage_ConsumesTheReservations()
    {
        var kernel = Pool(16);
        var p = kernel.Process();

        var committed = Meminfo(kernel, MeminfoField.Committed_AS);
        var a = MapHuge(kernel, p, 8UL << 20);
        Assert.Equal(0UL, a & (Huge - 1));
        Assert.Equal(16, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(4, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        Assert.Equal(committed, Meminfo(kernel, MeminfoField.Committed_AS));   // accountable_mapping: not hugetlb

        kernel.Touch(p, a, 2048);

        var status = kernel.Status(p);
        Assert.Equal(4, status.MinFlt);
        Assert.Equal(12, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        Assert.Equal(8192, Kb(status.HugetlbPages));
        Assert.Equal(0, Kb(status.VmRss));
        kernel.AssertSelfChecksPass();

        Assert.Equal(Errno.Ok, kernel.Munmap(p, a, 8UL << 20));
        Assert.Equal(16, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(0, Kb(kernel.Status(p).HugetlbPages));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void MmapHuge_ThePoolCannotCover_IsENOMEM_AtMmap()
    {
        var kernel = Pool(16);
        var p = kernel.Process();
        MapHuge(kernel, p, 8UL << 20);

        kernel.Mmap(p, new MmapRequest(32UL << 20, MapKind.AnonPrivate, true, true, false, Huge: true), out var error);

        Assert.Equal(Errno.ENOMEM, error);
        Assert.Equal(4, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
    }

    [Fact]
    public void MmapHuge_LengthRoundsUpToTheHugePage()
    {
        var kernel = Pool(4);
        var p = kernel.Process();

        MapHuge(kernel, p, 4096);

        Assert.Equal(1, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
    }

    [Fact]
    public void PrivateRead_TakesAPageReadOnly_TheFirstWriteIsOneMoreFault()
    {
        var kernel = Pool(4);
        var p = kernel.Process();
        var a = MapHuge(kernel, p, Huge);

        kernel.Touch(p, a, 512, AccessKind.Read);
        Assert.Equal(1, kernel.Status(p).MinFlt);
        Assert.Equal(3, Meminfo(kernel, MeminfoField.HugePages_Free));

        kernel.Touch(p, a, 512);
        Assert.Equal(2, kernel.Status(p).MinFlt);
        Assert.Equal(3, Meminfo(kernel, MeminfoField.HugePages_Free));
    }

    [Fact]
    public void Munmap_InsideAHugePage_IsEINVAL()
    {
        var kernel = Pool(4);
        var p = kernel.Process();
        var a = MapHuge(kernel, p, 4UL << 20);

        Assert.Equal(Errno.EINVAL, kernel.Munmap(p, a + 4096, 4096));
    }

    [Fact]
    public void UnusedReservations_GoAtMunmapAndExit()
    {
        var kernel = Pool(8);
        var p = kernel.Process();
        var a = MapHuge(kernel, p, 8UL << 20);
        kernel.Touch(p, a, 1);

        Assert.Equal(3, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        kernel.Exit(p);

        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        Assert.Equal(8, Meminfo(kernel, MeminfoField.HugePages_Free));
    }

    [Fact]
    public void Fork_SharesThePage_ChildWriteCopiesItFromThePool()
    {
        var kernel = Pool(4);
        var parent = kernel.Process();
        var a = MapHuge(kernel, parent, Huge);
        kernel.Touch(parent, a, 1);
        var child = kernel.Fork(parent);

        Assert.Equal(2048, Kb(kernel.Status(child).HugetlbPages));
        Assert.Equal(3, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(FaultResult.Minor, kernel.Once(child, a + 8192, AccessKind.Write));

        Assert.Equal(2, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(FaultResult.Minor, kernel.Once(parent, a, AccessKind.Write));   // now exclusive: reused
        Assert.Equal(2, Meminfo(kernel, MeminfoField.HugePages_Free));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void Fork_ChildWriteWithThePoolExhausted_IsSigbus()
    {
        var kernel = Pool(1);
        var parent = kernel.Process();
        var a = MapHuge(kernel, parent, Huge);
        kernel.Touch(parent, a, 1);
        var child = kernel.Fork(parent);

        Assert.Equal(FaultResult.Bus, kernel.Once(child, a, AccessKind.Write));
    }

    [Fact]
    public void Fork_OwnerWriteWithThePoolExhausted_TakesThePageBack_TheChildGetsSigbus()
    {
        var kernel = Pool(1);
        var parent = kernel.Process();
        var a = MapHuge(kernel, parent, Huge);
        kernel.Touch(parent, a, 1);
        var child = kernel.Fork(parent);

        Assert.Equal(FaultResult.Minor, kernel.Once(parent, a, AccessKind.Write));

        Assert.Equal(0, Kb(kernel.Status(child).HugetlbPages));
        Assert.Equal(FaultResult.Bus, kernel.Once(child, a, AccessKind.Read));
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void SharedMapping_ChildRefaultsTheSamePage()
    {
        var kernel = Pool(4);
        var parent = kernel.Process();
        var a = MapHuge(kernel, parent, Huge, shared: true);
        Assert.Equal(1, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
        kernel.Touch(parent, a, 1);
        var child = kernel.Fork(parent);

        Assert.Equal(FaultResult.Minor, kernel.Once(child, a, AccessKind.Write));

        Assert.Equal(3, Meminfo(kernel, MeminfoField.HugePages_Free));
        var smaps = kernel.Smaps(child).Vmas.Single(s => s.Vma.Start == a);
        Assert.Equal(2048UL << 10, smaps.SharedHugetlb);
        Assert.Equal(2048UL << 10, smaps.KernelPageSize);
        kernel.Exit(child);
        kernel.Exit(parent);
        Assert.Equal(4, Meminfo(kernel, MeminfoField.HugePages_Free));
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Rsvd));
    }

    [Fact]
    public void NrHugepages_GrowsFromFreeBlocks_AsFarAsTheMinWatermarkAllows()
    {
        var kernel = Pool(0, ram: 64UL << 20);

        var pool = kernel.SetHugetlbPool(1000);

        // 64 MiB is 32 blocks of 2 MiB; the min watermark (256 pages) keeps the last one free.
        Assert.Equal(31, pool);
        Assert.Equal(31, Meminfo(kernel, MeminfoField.HugePages_Total));
        Assert.Equal(2048, Meminfo(kernel, MeminfoField.MemFree) / 1024);
        kernel.AssertSelfChecksPass();
    }

    [Fact]
    public void NrHugepages_ShrinkingBelowThePagesInUse_LeavesSurplus_FreedAtMunmap()
    {
        var kernel = Pool(4);
        var p = kernel.Process();
        var a = MapHuge(kernel, p, 4UL << 20);
        kernel.Touch(p, a, 1024);

        kernel.SetHugetlbPool(0);

        Assert.Equal(2, Meminfo(kernel, MeminfoField.HugePages_Total));
        Assert.Equal(2, Meminfo(kernel, MeminfoField.HugePages_Surp));
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Free));
        kernel.Munmap(p, a, 4UL << 20);
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Total));
        Assert.Equal(0, Meminfo(kernel, MeminfoField.HugePages_Surp));
        Assert.Equal(128L << 20, kernel.AllFreeBytes() + Meminfo(kernel, MeminfoField.PageTables) + Meminfo(kernel, MeminfoField.Slab));   // every frame is free again but the task's tables and slabs
    }
}
