namespace MemScript.Runtime.Mm;

/// <summary>
/// /proc/PID/smaps and smaps_rollup (fs/proc/task_mmu.c, smap_gather_stats):
/// each VMA's page-table entries walked and added up. A present page counts
/// in Rss, and in Pss divided by its map count; a page mapped once is
/// private, else shared; dirty by its PTE or its frame; Referenced by the
/// accessed bit; Anonymous for anonymous frames (the zero page counts
/// nowhere); AnonHugePages for anonymous pages mapped by a PMD; swap entries
/// in Swap; a VM_LOCKED VMA's Rss in Locked. A hugetlb VMA counts its pages
/// in Shared_Hugetlb or Private_Hugetlb only. The rollup is the sum over every
/// VMA, under the range from the first VMA's start to the last one's end.
/// </summary>
internal sealed partial class Kernel
{
    public (IReadOnlyList<SmapsInfo> Vmas, SmapsInfo Rollup) Smaps(int mm)
    {
        var m = _mms[mm];
        var maps = Maps(mm);
        var list = new List<SmapsInfo>(m.Vmas.Count);
        var sum = new ulong[18];
        for (var v = 0; v < m.Vmas.Count; v++)
        {
            var vma = m.Vmas[v];
            var c = new ulong[18];
            GatherSmaps(m, vma, c);
            for (var k = 0; k < c.Length; k++)
            {
                sum[k] += c[k];
            }

            list.Add(Info(maps[v], c, vma.Hugetlb ? HugetlbPageSizeOf(vma) : PageSize, ThpEligible(vma), VmFlags(vma)));
        }

        var start = m.Vmas.Count > 0 ? m.Vmas[0].Start : 0;
        var end = m.Vmas.Count > 0 ? m.Vmas[^1].End : 0;
        var rollup = Info(new VmaInfo(start, end, "---p", 0, "00:00", 0, "[rollup]"), sum, PageSize, false, "");
        return (list, rollup);
    }

    private static SmapsInfo Info(VmaInfo vma, ulong[] c, ulong pageSize, bool thp, string flags) =>
        new(vma, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16], pageSize, thp, flags);

    /// <summary>Adds one VMA's pages: [0] Rss, [1] Pss, [2] Pss_Dirty, [3..5] Pss_Anon/File/Shmem, [6..9] Shared/Private Clean/Dirty, [10] Referenced, [11] Anonymous, [12] AnonHugePages, [13..14] hugetlb, [15] Swap, [16] Locked.</summary>
    private void GatherSmaps(AddressSpace m, Vma vma, ulong[] c)
    {
        if (vma.Hugetlb)
        {
            GatherHugetlbSmaps(m, vma, c);
            return;
        }

        var leaves = new List<LeafSpan>();
        m.Tables.CollectLeaves(vma.Start, vma.End, leaves);
        foreach (var span in leaves)
        {
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if (Pte.IsSwap(pte))
                {
                    c[15] += PageSize;
                    continue;
                }

                if ((pte & Pte.Present) == 0 || (pte & Pte.Zero) != 0)
                {
                    continue;
                }

                ref var frame = ref _frames[Pte.Frame(pte)];
                var mapCount = (ulong)Math.Max(1, frame.MapCount);
                var dirty = (pte & Pte.Dirty) != 0 || (frame.Flags & FrameFlags.Dirty) != 0;
                var anon = (pte & Pte.PageCache) == 0;
                var pss = PageSize / mapCount;
                c[0] += PageSize;
                c[1] += pss;
                c[2] += dirty ? pss : 0;
                c[anon ? 3 : frame.Kind == FrameKind.File ? 4 : 5] += pss;
                c[(mapCount > 1 ? 6 : 8) + (dirty ? 1 : 0)] += PageSize;
                c[10] += (pte & Pte.Accessed) != 0 ? PageSize : 0;
                if (anon)
                {
                    c[11] += PageSize;
                    c[12] += (pte & Pte.Huge) != 0 ? PageSize : 0;
                }

                c[16] += vma.Locked ? PageSize : 0;
            }
        }
    }

    /// <summary>The two-letter VmFlags of show_smap_vma_flags, in the kernel's order.</summary>
    private static string VmFlags(Vma vma)
    {
        var flags = new System.Text.StringBuilder();
        void Add(bool on, string name)
        {
            if (on)
            {
                flags.Append(name).Append(' ');
            }
        }

        Add(vma.Read || vma.Write || vma.Exec, "rd");
        Add(vma.Write, "wr");
        Add(vma.Exec, "ex");
        Add(vma.Shared, "sh");
        Add(true, "mr");
        Add(true, "mw");
        Add(true, "me");
        Add(vma.Shared, "ms");
        Add(vma.Role == VmaRole.Stack, "gd");
        Add(vma.Locked, "lo");
        Add(vma.Advice == Advice.Sequential, "sr");
        Add(vma.Advice == Advice.Random, "rr");
        Add(vma.Accounted, "ac");
        Add(vma.NoReserve, "nr");
        Add(vma.Hugetlb, "ht");
        Add(vma.HugePage, "hg");
        Add(vma.NoHugePage, "nh");
        return flags.ToString();
    }
}
