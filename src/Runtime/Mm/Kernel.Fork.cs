namespace MemScript.Runtime.Mm;

/// <summary>
/// fork (dup_mmap, copy_page_range) and exit (exit_mmap).
/// fork copies every VMA and charges the accounted ones again. It copies the
/// page table of a private VMA that has an anon_vma (vma_needs_copy: at least
/// one anonymous page was faulted into it, by a write or a copy-on-write
/// break), whole: anonymous pages are write-protected in both processes with
/// their map count raised, so a later write takes the COW fault of MODEL.md
/// section 2, and the child counts them in its RssAnon; zero-page PTEs and
/// swap entries are copied; page-cache pages of a private file mapping are
/// mapped in the child too (RssFile) and read without a fault. The PTEs of
/// shared mappings and of private VMAs without an anon_vma (only read: file
/// pages, the zero page) are not copied: the child refaults them. exit unmaps
/// everything and frees the page tables, the PGD included. The child's VMAs
/// are not VM_LOCKED and its copied PTEs hold no mlock.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>
    /// fork: a copy-on-write copy of <paramref name="mm"/> (swap entries are
    /// shared: the slot's count rises). Returns the child, or -1 when the OOM
    /// killer killed the parent while fork reserved its page tables. The
    /// reclaim that reserving took, if any, is in <see cref="LastSyscallCostNs"/>.
    /// </summary>
    public int Fork(int mm)
    {
        var parent = _mms[mm];
        LastSyscallCostNs = 0;
        if (!parent.Alive)
        {
            return -1;
        }

        long cost = 0;
        var reserved = Reserve(mm, Machine.PageTablesCharged ? parent.Tables.AllTables : 0, ref cost, gfp: Mm.Zones.GfpZone.Kernel);
        LastSyscallCostNs = cost;
        if (!reserved || !parent.Alive)
        {
            return -1;
        }

        var id = _mms.Count;
        var child = new AddressSpace(id, parent.Command, new PageTables(_frames, Machine.PageTablesCharged, id, _geometry))
        {
            Geometry = _geometry,
            TextStart = parent.TextStart,
            DataStart = parent.DataStart,
            HeapStart = parent.HeapStart,
            Brk = parent.Brk,
            StackTop = parent.StackTop,
            StackLimit = parent.StackLimit,
            LimitAs = parent.LimitAs,
            LimitData = parent.LimitData,
            Node = parent.Node,
            Policy = parent.Policy,
            InterleaveLast = parent.InterleaveLast,
        };
        child.Tlb = NewTlb();
        child.Family = parent.Family;
        child.Family.Add(child);
        _mms.Add(child);
        foreach (var vma in parent.Vmas)
        {
            var copy = vma.Clone();
            copy.Locked = false;   // dup_mmap clears VM_LOCKED: locks are not inherited
            child.Vmas.Add(copy);
            child.AnonVmas += VmaList.AnonVmaOf(copy);
            if (copy.Object is not null)
            {
                copy.Object.MapRefs++;
            }

            if (copy.Accounted)
            {
                _commit.Force((long)copy.Pages);
            }

            copy.HugetlbOwner = false;   // the reservations stay the parent's (HPAGE_RESV_OWNER)
            if (!vma.Shared && vma.HasAnonVma && vma.Hugetlb)
            {
                CopyHugetlbPtes(parent, child, vma);
            }
            else if (!vma.Shared && vma.HasAnonVma)
            {
                CopyPtes(parent, child, vma);
            }
        }

        parent.ForgetCachedLeaf();
        KhugepagedFork(parent, child);
        FlushTlbMm(parent);   // dup_mmap: the parent's PTEs were write-protected
        SlabNewTask(id, mm, ref cost);
        LastSyscallCostNs = cost;
        return id;
    }

    /// <summary>exit_mmap: unmaps everything and frees page tables.</summary>
    public void Exit(int mm)
    {
        var m = _mms[mm];
        if (!m.Alive)
        {
            return;
        }

        KhugepagedExit(m);
        UnmapRange(m, 0, UserSpaceEnd, fullMm: true);
        m.Tables.FreeAll();
        m.ForgetCachedLeaf();
        m.Alive = false;
        m.Family.Remove(m);   // its pages are gone; the family list stays for pages it allocated that others still map
        SlabExit(mm);
    }

    /// <summary>copy_page_range for a private VMA with an anon_vma: every PTE, page-cache pages included.</summary>
    private void CopyPtes(AddressSpace parent, AddressSpace child, Vma vma)
    {
        var spans = new List<LeafSpan>();
        parent.Tables.CollectLeaves(vma.Start, vma.End, spans);
        foreach (var span in spans)
        {
            ulong[]? target = null;
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = span.Ptes[j];
                if (Pte.IsSwap(pte))
                {
                    target ??= child.Tables.GetOrCreateLeaf(span.BaseVa);
                    target[j] = pte;
                    _swap.AddRef(Pte.Frame(pte));
                    child.SwapEnts++;
                    continue;
                }

                if ((pte & Pte.Present) == 0)
                {
                    continue;
                }

                target ??= child.Tables.GetOrCreateLeaf(span.BaseVa);
                if ((pte & Pte.PageCache) != 0)
                {
                    MapCachePage(child, target, j, Pte.Frame(pte), pte & (Pte.Read | Pte.Exec));
                    target[j] &= ~Pte.Accessed;   // pte_mkold: the child has not used it yet
                    continue;
                }

                if (j == 0 && (pte & (Pte.Huge | Pte.Zero)) == Pte.Huge)
                {
                    PmdMapped(Pte.Frame(pte));   // copy_huge_pmd
                }

                if ((pte & Pte.Zero) == 0)
                {
                    pte &= ~Pte.Write;
                    span.Ptes[j] = pte;
                    _frames[Pte.Frame(pte)].MapCount++;
                    child.RssAnon++;
                }

                target[j] = pte & ~Pte.Mlocked;
            }
        }
    }

    private void ReleaseObjectIfUnused(MemObject obj)
    {
        if (obj.MapRefs > 0 || obj.Destroyed || obj.Kind == MapKind.File)
        {
            return;
        }

        if (obj.Kind == MapKind.SysVShm && !obj.Removed)
        {
            return;
        }

        _cache.DropAll(obj);
        ReleaseHugetlbFile(obj);
        _commit.Uncharge(obj.CommittedPages);
        obj.CommittedPages = 0;
        obj.Destroyed = true;
    }
}
