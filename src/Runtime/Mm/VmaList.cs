namespace MemScript.Runtime.Mm;

/// <summary>
/// The VMA operations of mmap.c on an <see cref="AddressSpace"/>: insert with
/// merging of compatible neighbours, split at an address (partial munmap,
/// mprotect, madvise), and the top-down first-fit search for a free range
/// below the mmap base. Since 6.13 a private mapping (anonymous or file)
/// whose length is a multiple of 2 MiB starts on a 2 MiB boundary
/// (__get_unmapped_area's IS_ALIGNED(len, PMD_SIZE) test); any other length,
/// and every shared anonymous or System V mapping, is placed first fit.
/// </summary>
internal static class VmaList
{
    /// <summary>mmap_base on x86-64 (<see cref="PageGeometry.MmapBase"/> gives each layout's).</summary>
    public const ulong MmapBase = 0x7ffff7fff000;
    public const ulong MinAddress = 0x10000;

    /// <summary>Inserts <paramref name="vma"/> (its range must be free) and merges it with its neighbours.</summary>
    public static void Insert(AddressSpace mm, Vma vma)
    {
        var i = mm.IndexAbove(vma.Start);
        mm.Vmas.Insert(i, vma);
        mm.AnonVmas += AnonVmaOf(vma);
        MergeAround(mm, i);
    }

    /// <summary>Merges the VMA at <paramref name="index"/> with compatible neighbours; returns the merged VMA's index.</summary>
    public static int MergeAround(AddressSpace mm, int index)
    {
        var list = mm.Vmas;
        if (index + 1 < list.Count && list[index].CanMergeWith(list[index + 1]))
        {
            Absorb(mm, list[index], list[index + 1]);
            list.RemoveAt(index + 1);
            mm.CachedVma = null;
        }

        if (index > 0 && list[index - 1].CanMergeWith(list[index]))
        {
            Absorb(mm, list[index - 1], list[index]);
            list.RemoveAt(index);
            mm.CachedVma = null;
            index--;
        }

        return index;
    }

    /// <summary>Makes <paramref name="va"/> a VMA boundary if it falls inside one.</summary>
    public static void SplitAt(AddressSpace mm, ulong va)
    {
        var i = mm.IndexAbove(va);
        if (i >= mm.Vmas.Count)
        {
            return;
        }

        var vma = mm.Vmas[i];
        if (vma.Start >= va)
        {
            return;
        }

        var tail = vma.Clone();
        tail.Start = va;
        tail.PageOffset = vma.ObjectPage(va);
        vma.End = va;
        if (tail.Object is not null)
        {
            tail.Object.MapRefs++;
        }

        mm.Vmas.Insert(i + 1, tail);
        mm.AnonVmas += AnonVmaOf(tail);
    }

    /// <summary>1 when <paramref name="vma"/> holds an anon_vma (private, faulted), else 0: its weight in <see cref="AddressSpace.AnonVmas"/>.</summary>
    public static int AnonVmaOf(Vma vma) => !vma.Shared && vma.HasAnonVma ? 1 : 0;

    /// <summary>anon_vma_prepare: <paramref name="vma"/> of <paramref name="mm"/> now holds anonymous pages.</summary>
    public static void SetAnonVma(AddressSpace mm, Vma vma)
    {
        mm.AnonVmas -= AnonVmaOf(vma);
        vma.HasAnonVma = true;
        mm.AnonVmas += AnonVmaOf(vma);
    }

    /// <summary>
    /// Whether a new mapping of <paramref name="length"/> bytes starts on a PMD boundary (private, a
    /// multiple of the PMD size: 2 MiB on x86-64). Never on a 32-bit machine (6.8's
    /// thp_get_unmapped_area: no huge alignment without CONFIG_64BIT).
    /// </summary>
    public static bool AlignsToHugePage(AddressSpace mm, ulong length, bool shared) =>
        !shared && !mm.Geometry.Is32Bit && length % mm.Geometry.LeafSpan == 0;

    /// <summary>
    /// Top-down first fit below the mmap base (PMD-aligned when <paramref name="huge"/>); when that
    /// fails, bottom-up from TASK_UNMAPPED_BASE to TASK_SIZE, keeping stack_guard_gap below the stack
    /// (arch_get_unmapped_area_topdown's fallback, which only a 32-bit space ever reaches); 0 when nothing fits.
    /// </summary>
    public static ulong GetUnmappedArea(AddressSpace mm, ulong length, bool huge) =>
        GetUnmappedArea(mm, length, huge ? mm.Geometry.LeafSpan : mm.Geometry.PageSize);

    /// <summary>The same search with the start aligned to <paramref name="align"/> (hugetlb_get_unmapped_area: the huge page size).</summary>
    public static ulong GetUnmappedArea(AddressSpace mm, ulong length, ulong align)
    {
        var geometry = mm.Geometry;
        var vmas = mm.Vmas;

        // The gaps whose ceiling is the mmap base: above the last VMA and below those at or above the base (the stack).
        var clamped = vmas.FirstStartingAt(geometry.MmapBase);
        for (var i = vmas.Count; i >= clamped; i--)
        {
            vmas.NodesVisited++;
            if (Fits(vmas.FloorOf(i), geometry.MmapBase, length, align) is var start and not 0)
            {
                return start;
            }
        }

        // Below them, each gap's ceiling is its VMA's start: only a gap of at least the length can fit, and the
        // tree finds the highest such one (the alignment may still refuse it: then the next one below).
        for (var limit = clamped; vmas.LastGapAtLeast(length, limit) is var i and >= 0; limit = i)
        {
            if (Fits(vmas.FloorOf(i), vmas[i].Start, length, align) is var start and not 0)
            {
                return start;
            }
        }

        return BottomUp(mm, length, align);
    }

    /// <summary>The highest start aligned to <paramref name="align"/> for <paramref name="length"/> bytes in [floor, ceiling), or 0.</summary>
    private static ulong Fits(ulong floor, ulong ceiling, ulong length, ulong align)
    {
        if (floor > ceiling || ceiling < length)
        {
            return 0;
        }

        var start = (ceiling - length) & ~(align - 1);
        return start >= floor && start >= MinAddress ? start : 0;
    }

    private static ulong BottomUp(AddressSpace mm, ulong length, ulong align)
    {
        var geometry = mm.Geometry;
        var candidate = geometry.UnmappedBase;
        foreach (var vma in mm.Vmas)
        {
            if (vma.End <= candidate)
            {
                continue;
            }

            var gapEnd = vma.Role == VmaRole.Stack ? vma.Start - Math.Min(vma.Start, 256UL * geometry.PageSize) : vma.Start;
            if (gapEnd >= candidate && gapEnd - candidate >= length)
            {
                return candidate;
            }

            candidate = (Math.Max(candidate, vma.End) + align - 1) & ~(align - 1);
        }

        return candidate + length <= geometry.TaskSize ? candidate : 0;
    }

    private static void Absorb(AddressSpace mm, Vma into, Vma next)
    {
        mm.AnonVmas -= AnonVmaOf(into) + AnonVmaOf(next);
        into.End = next.End;
        into.HasAnonVma |= next.HasAnonVma;
        mm.AnonVmas += AnonVmaOf(into);
        if (next.Object is not null)
        {
            next.Object.MapRefs--;
        }
    }
}
