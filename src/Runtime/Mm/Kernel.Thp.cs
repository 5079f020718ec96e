namespace MemScript.Runtime.Mm;

/// <summary>
/// Transparent huge pages (mm/huge_memory.c, khugepaged.c).
/// </summary>
internal sealed partial class Kernel
{
    private const ulong HugeSize = 2UL << 20;
    private const ulong HugeMask = HugeSize - 1;

    /// <summary>thp_vma_allowable_order for an anonymous VMA: the mode, the VMA's advice and room for one aligned huge page.</summary>
    private bool ThpEligible(Vma vma)
    {
        if (vma.Kind != MapKind.AnonPrivate || vma.Hugetlb || vma.NoHugePage || vma.Role is VmaRole.Text or VmaRole.Data)
        {
            return false;
        }

        var mode = Machine.Thp;
        if (mode != "always" && !(mode == "madvise" && vma.HugePage))
        {
            return false;
        }

        return ((vma.Start + HugeMask) & ~HugeMask) + HugeSize <= vma.End;
    }

    /// <summary>Hugetlb pages of <paramref name="vma"/> that <paramref name="m"/> maps, in base pages.</summary>
    private long HugetlbMapped(AddressSpace m, Vma vma) => 0;
}
