namespace MemScript.Runtime.Mm;

/// <summary>
/// The hugetlbfs pool (mm/hugetlb.c): <c>hugepages N</c>. Not modelled yet
/// beyond its meminfo lines: the pool is empty and <c>mmap huge</c> fails
/// with ENOMEM.
/// </summary>
internal sealed partial class Kernel
{
    private long HugetlbTotal => 0;

    private long HugetlbFree => 0;

    private long HugetlbReserved => 0;

    /// <summary>Hugetlb pages of <paramref name="vma"/> that <paramref name="m"/> maps, in base pages.</summary>
    private long HugetlbMapped(AddressSpace m, Vma vma) => 0;
}
