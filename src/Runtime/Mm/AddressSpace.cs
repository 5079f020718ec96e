namespace MemScript.Runtime.Mm;

/// <summary>
/// One process's mm_struct: its VMAs in address order, its page tables, its
/// layout (heap start and break, stack top and limit), limits and counters.
/// The VMAs are a sorted list searched by bisection with a gap tree beside it
/// (<see cref="VmaTree"/>: mmap.c's maple tree plays that role in the kernel);
/// the list operations are in <see cref="VmaList"/>. <see cref="CachedLeafKey"/>/<see cref="CachedLeaf"/>
/// remember the last PTE table used, so a hit on a resident page is two
/// compares and two array reads. <see cref="Family"/> is the anon_vma root
/// of rmap.c: the address spaces that may share anonymous pages with this one
/// (a fork family, shared list), always at the same virtual page.
/// </summary>
internal sealed class AddressSpace(int id, string command, PageTables tables)
{
    public int Id { get; } = id;

    public string Command { get; } = command;

    public VmaTree Vmas { get; } = new();

    /// <summary>
    /// The VMAs in <see cref="Vmas"/> that hold an anon_vma (private, with
    /// <see cref="Vma.HasAnonVma"/>), kept as each VMA is inserted, split,
    /// merged, removed or gets its anon_vma (<see cref="VmaList.AnonVmaOf"/>),
    /// so the slab charge needs no walk.
    /// </summary>
    public long AnonVmas;

    /// <summary>Every address space of this fork family, this one included (shared by its members).</summary>
    public List<AddressSpace> Family { get; set; } = null!;

    public PageTables Tables { get; } = tables;

    /// <summary>The machine's page size, levels and user layout.</summary>
    public PageGeometry Geometry { get; init; } = null!;

    public bool Alive = true;

    /// <summary>The NUMA node the task runs on (numa_node_id() while it runs).</summary>
    public int Node;

    /// <summary>The task's memory policy (set_mempolicy); <see cref="MemPolicy.Default"/> when none.</summary>
    public MemPolicy Policy;

    /// <summary>current->il_prev: the node the task's interleave policy used last, -1 before the first.</summary>
    public int InterleaveLast = -1;

    public ulong TextStart;
    public ulong DataStart;
    public ulong HeapStart;
    public ulong Brk;
    public ulong StackTop;
    public ulong StackLimit;
    public ulong? LimitAs;
    public ulong? LimitData;

    public long RssAnon;
    public long RssFile;
    public long RssShmem;

    /// <summary>Resident pages, all three kinds (VmRSS in pages).</summary>
    public long RssPages => RssAnon + RssFile + RssShmem;

    /// <summary>Swap entries in this mm's page tables (VmSwap, swapents).</summary>
    public long SwapEnts;
    public long MinFlt;
    public long MajFlt;
    /// <summary>Hugetlb pages mapped, in base pages (HugetlbPages in status; not in RSS).</summary>
    public long HugetlbPages;
    /// <summary>TLB flushes of this address space (the tlb:tlb_flush tracepoint).</summary>
    public long TlbFlushEvents;

    /// <summary>va >> PMD_SHIFT (21 on x86-64) of <see cref="CachedLeaf"/>; ulong.MaxValue when empty.</summary>
    public ulong CachedLeafKey = ulong.MaxValue;
    public ulong[]? CachedLeaf;

    /// <summary>The TLBs and their perf counters (with <c>tlb off</c>, counters only: every access then costs a hit).</summary>
    public TlbSet Tlb = null!;

    /// <summary>
    /// The tlb_gather of the operation in progress: the lowest and highest+1
    /// address whose present PTE it cleared or changed (<see cref="Kernel"/>
    /// flushes the range when the operation ends).
    /// </summary>
    public ulong GatherStart = ulong.MaxValue;
    public ulong GatherEnd;

    /// <summary>The VMA of the last fault (the kernel's old vmacache); cleared when a VMA is removed.</summary>
    public Vma? CachedVma;

    /// <summary>After unmapping or re-protecting: the cached table and VMA may be gone (the kernel flushes the TLB, Kernel.TlbFlush.cs).</summary>
    public void ForgetCachedLeaf()
    {
        CachedLeafKey = ulong.MaxValue;
        CachedLeaf = null;
        CachedVma = null;
    }

    /// <summary>tlb_flush_pte_range: adds the page at <paramref name="va"/> to the range to flush.</summary>
    public void Gather(ulong va)
    {
        if (va < GatherStart)
        {
            GatherStart = va;
        }

        var end = va + Geometry.PageSize;
        if (end > GatherEnd)
        {
            GatherEnd = end;
        }
    }

    /// <summary>Index of the first VMA whose end is above <paramref name="va"/> (find_vma), or Count.</summary>
    public int IndexAbove(ulong va)
    {
        int lo = 0, hi = Vmas.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (Vmas[mid].End <= va)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public Vma? Find(ulong va)
    {
        var i = IndexAbove(va);
        return i < Vmas.Count && Vmas[i].Start <= va ? Vmas[i] : null;
    }

    public bool AnyVmaIn(ulong start, ulong end)
    {
        var i = IndexAbove(start);
        return i < Vmas.Count && Vmas[i].Start < end;
    }

    public Vma? StackVma()
    {
        for (var i = Vmas.Count - 1; i >= 0; i--)
        {
            if (Vmas[i].Role == VmaRole.Stack)
            {
                return Vmas[i];
            }
        }

        return null;
    }

    public ulong VmSize()
    {
        ulong total = 0;
        foreach (var vma in Vmas)
        {
            total += vma.Length;
        }

        return total;
    }

    /// <summary>VmLck: the VM_LOCKED VMAs (mm->locked_vm), in bytes.</summary>
    public ulong LockedBytes()
    {
        ulong total = 0;
        foreach (var vma in Vmas)
        {
            if (vma.Locked)
            {
                total += vma.Length;
            }
        }

        return total;
    }

    public ulong VmData()
    {
        ulong total = 0;
        foreach (var vma in Vmas)
        {
            if (vma.CountsAsData)
            {
                total += vma.Length;
            }
        }

        return total;
    }
}
