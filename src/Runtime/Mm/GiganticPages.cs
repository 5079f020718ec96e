namespace MemScript.Runtime.Mm;

/// <summary>
/// 1 GiB hugetlb pages taken at boot (<c>hugepages N size 1G</c>, the kernel's
/// <c>hugepagesz=1G hugepages=N</c>): hugetlb_hstate_alloc_pages allocates
/// gigantic pages from memblock before the buddy allocator is set up and
/// never frees them to it, so they are reserved like the kernel's own
/// memory: out of MemTotal (totalram_pages) and the zones' managed pages,
/// never free. /proc/meminfo counts them only in Hugetlb (every hstate);
/// HugePages_* and Hugepagesize stay those of the default 2 MiB hstate.
/// <c>mmap SIZE huge 1G</c> (MAP_HUGE_1GB) maps them: Kernel.Gigantic.cs.
/// </summary>
internal static class GiganticPages
{
    public const ulong Size = 1UL << 30;

    /// <summary>The base pages the boot-time 1 GiB pool takes out of RAM.</summary>
    public static long Frames(MachineSettings machine) =>
        machine.HugePageSize == Size ? machine.HugePages * (long)(Size / machine.PageSize) : 0;
}
