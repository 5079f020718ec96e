namespace MemScript.Runtime.Mm;

/// <summary>
/// The translation geometry of the machine: the base page, the page-table
/// levels and the user address-space layout, fixed at boot from
/// <c>page_size</c>, <c>layout</c> and <c>pae</c>.
/// <code>
/// x86-64, 4 KiB    [47..39 PGD][38..30 PUD][29..21 PMD][20..12 PTE]  512 x 8 B a table
/// arm64, 16 KiB    [47 PGD, 2][46..36 PUD][35..25 PMD][24..14 PTE]   2048 x 8 B a table
/// arm64, 64 KiB    [47..42 PGD, 64][41..29 PMD][28..16 PTE]          8192 x 8 B a table
/// i386             [31..22 PGD][21..12 PTE]                          1024 x 4 B a table
/// i386, PAE        [31..30 PDPT, 4][29..21 PMD][20..12 PTE]          512 x 8 B a table
/// </code>
/// arm64 figures: arch/arm64/include/asm/pgtable-hwdef.h (PTDESC_TABLE_SHIFT =
/// PAGE_SHIFT - 3, ARM64_HW_PGTABLE_LEVELS(va_bits) = (va_bits - 4) / (PAGE_SHIFT - 3))
/// with 48-bit VA (Documentation/arch/arm64/memory.rst: 4 levels for 4K and
/// 16K, 3 for 64K); the PMD-level block (the THP size) is 2 MiB, 32 MiB and
/// 512 MiB. The user layout stays x86-64's for every granule (TASK_SIZE
/// 2^47 less a page, the PIE at two thirds of it, page-aligned): only the
/// translation follows arm64.
/// i386 (arch/x86/include/asm/page_32_types.h, pgtable-2level_types.h,
/// pgtable-3level_types.h): TASK_SIZE = PAGE_OFFSET = 0xC0000000, the stack
/// ending there, mmap_base 128 MiB below it (mm/util.c mmap_base: the 8 MiB
/// stack rlimit plus stack_guard_gap, raised to MIN_GAP), the PIE loaded at
/// ELF_ET_DYN_BASE = 0x400000 (arch/x86/include/asm/elf.h, mmap_is_ia32),
/// and a bottom-up search from TASK_UNMAPPED_BASE = TASK_SIZE / 3 when the
/// top-down one fails (arch_get_unmapped_area_topdown's fallback).
/// VmPTE counts the tables below the top level (mm_pgtables_bytes: nr_ptes,
/// nr_pmds, nr_puds), each one page.
/// </summary>
internal sealed class PageGeometry
{
    private PageGeometry(ulong pageSize, int[] shifts, int[] entries, bool is32Bit)
    {
        PageSize = pageSize;
        PageShift = System.Numerics.BitOperations.TrailingZeroCount(pageSize);
        Shifts = shifts;
        Entries = entries;
        PteEntries = entries[^1];
        PteMask = PteEntries - 1;
        LeafShift = PageShift + System.Numerics.BitOperations.TrailingZeroCount((uint)PteEntries);
        Is32Bit = is32Bit;
        if (is32Bit)
        {
            TaskSize = 0xC000_0000;
            StackTop = 0xC000_0000;
            TextBase = 0x0040_0000;
        }
        else
        {
            // TASK_SIZE_MAX = 2^47 - PAGE_SIZE; ELF_ET_DYN_BASE = DEFAULT_MAP_WINDOW / 3 * 2, page-aligned by the ELF loader.
            TaskSize = (1UL << 47) - pageSize;
            StackTop = TaskSize;
            TextBase = TaskSize / 3 * 2 & ~(pageSize - 1);
        }

        MmapBase = TaskSize - (128UL << 20);
        UnmappedBase = (TaskSize / 3 + pageSize - 1) & ~(pageSize - 1);
    }

    public static PageGeometry For(MachineSettings machine) => (machine.Layout, machine.PageSize) switch
    {
        ("i386", _) when machine.Pae => new(4096, [30, 21, 12], [4, 512, 512], is32Bit: true),
        ("i386", _) => new(4096, [22, 12], [1024, 1024], is32Bit: true),
        (_, 16384) => new(16384, [47, 36, 25, 14], [2, 2048, 2048, 2048], is32Bit: false),
        (_, 65536) => new(65536, [42, 29, 16], [64, 8192, 8192], is32Bit: false),
        _ => new(4096, [39, 30, 21, 12], [512, 512, 512, 512], is32Bit: false),
    };

    public ulong PageSize { get; }

    public int PageShift { get; }

    /// <summary>The shift of each level's index, top level first; the last is <see cref="PageShift"/>.</summary>
    public int[] Shifts { get; }

    /// <summary>The entries of a table at each level, top level first.</summary>
    public int[] Entries { get; }

    public int Levels => Shifts.Length;

    /// <summary>The index of the PTE level.</summary>
    public int PteLevel => Shifts.Length - 1;

    /// <summary>Entries of a PTE table (PTRS_PER_PTE).</summary>
    public int PteEntries { get; }

    public int PteMask { get; }

    /// <summary>log2 of the span one PTE table maps (PMD_SHIFT; PGDIR_SHIFT on two-level i386).</summary>
    public int LeafShift { get; }

    /// <summary>The span one PTE table maps: the PMD-level huge page (2 MiB, 32 MiB, 512 MiB; 4 MiB on two-level i386).</summary>
    public ulong LeafSpan => 1UL << LeafShift;

    /// <summary>The buddy order of a PMD-level huge page (HPAGE_PMD_ORDER).</summary>
    public int HugeOrder => LeafShift - PageShift;

    public bool Is32Bit { get; }

    /// <summary>
    /// PMD tables pgd_alloc creates with the PGD: PAE's three user PDPT entries
    /// (arch/x86/mm/pgtable.c preallocate_pmds, PREALLOCATED_PMDS =
    /// KERNEL_PGD_BOUNDARY with a shared kernel PMD), counted in VmPTE from the start.
    /// </summary>
    public int PreallocatedPmds => Is32Bit && Levels == 3 ? (int)(TaskSize >> Shifts[0]) : 0;

    /// <summary>TASK_SIZE: the end of user space.</summary>
    public ulong TaskSize { get; }

    public ulong StackTop { get; }

    public ulong TextBase { get; }

    /// <summary>mm->mmap_base with the default 8 MiB stack rlimit: 128 MiB (MIN_GAP) below the stack.</summary>
    public ulong MmapBase { get; }

    /// <summary>TASK_UNMAPPED_BASE: where the bottom-up fallback search starts.</summary>
    public ulong UnmappedBase { get; }

    public ulong PageAlign(ulong value) => (value + PageSize - 1) & ~(PageSize - 1);
}
