namespace MemScript.Runtime.Mm;

/// <summary>
/// THP defrag (/sys/kernel/mm/transparent_hugepage/defrag, mm/huge_memory.c
/// vma_thp_gfp_mask) and a simple direct compaction (mm/compaction.c) for a
/// THP fault that finds no free order-9 block:
/// <code>
/// always          every eligible fault compacts directly (stalls)
/// defer           none does (the kernel wakes kcompactd): fallback
/// defer+madvise   VM_HUGEPAGE VMAs compact directly, others fall back
/// madvise         VM_HUGEPAGE VMAs compact directly, others fall back
/// never           none does: fallback
/// </code>
/// A direct compaction (compact_stall) looks for the lowest 2 MiB-aligned
/// range whose used frames are all movable (anonymous pages one mm maps by a
/// PTE, not in the swap cache, not mlocked, not part of a huge page) and
/// whose used frames the free frames outside it can take; it migrates them
/// there (PTEs rewritten, TLB entries flushed, content kept) so the range is
/// one free block (compact_success). None found: compact_fail, the fault
/// falls back. Each page migrated costs an anonymous fault's time (a page
/// allocated and copied).
/// </summary>
internal sealed partial class Kernel
{
    private readonly List<int> _compactHeld = [];
    private readonly List<int> _compactMove = [];

    /// <summary>vma_thp_gfp_mask: may a huge-page fault in <paramref name="vma"/> reclaim and compact directly?</summary>
    private bool ThpDirectCompaction(Vma vma) => Machine.ThpDefrag switch
    {
        "always" => true,
        "defer+madvise" or "madvise" => vma.HugePage,
        _ => false,
    };

    /// <summary>An order-9 block for a THP fault in <paramref name="vma"/>, compacting first when defrag allows; -1 to fall back.</summary>
    private int AllocateHugeFolio(Vma vma, int owner, long index, ref long costNs)
    {
        if (_numa)
        {
            NumaHugeNode(vma, index);
        }

        var head = _frames.AllocateLarge(HugeOrder, owner, index);
        if (head >= 0 || !ThpDirectCompaction(vma))
        {
            return head;
        }

        _vmstat[(int)VmCounter.compact_stall]++;
        if (!CompactOneBlock(ref costNs))
        {
            _vmstat[(int)VmCounter.compact_fail]++;
            return -1;
        }

        _vmstat[(int)VmCounter.compact_success]++;
        return _frames.AllocateLarge(HugeOrder, owner, index);
    }

    /// <summary>Frees one 2 MiB-aligned range by migrating its pages out; false when no range can be freed.</summary>
    private bool CompactOneBlock(ref long costNs)
    {
        var firstBlock = (int)((_frames.KernelFrames + HugePages - 1) & ~(long)(HugePages - 1));
        for (var block = firstBlock; block + HugePages <= _frames.HighWater; block += HugePages)
        {
            var used = MovableUsedFrames(block);
            if (used < 0 || _frames.FreeFrames - (HugePages - used) < used)
            {
                continue;
            }

            _compactMove.Clear();
            for (var pfn = block; pfn < block + HugePages; pfn++)
            {
                if (_frames[pfn].Kind == FrameKind.Anon)
                {
                    _compactMove.Add(pfn);
                }
            }

            foreach (var pfn in _compactMove)
            {
                MigrateAnonFrame(pfn, block);
                costNs += Costs.AnonFault;
            }

            foreach (var held in _compactHeld)
            {
                _frames.Free(held);
            }

            _compactHeld.Clear();
            _frames.DrainPcp();   // the range's pages freed to the per-CPU list join the buddy lists (drain_local_pages)
            return true;
        }

        return false;
    }

    /// <summary>The used frames of the range at <paramref name="block"/>, or -1 when one of them cannot be migrated.</summary>
    private int MovableUsedFrames(int block)
    {
        var used = 0;
        for (var pfn = block; pfn < block + HugePages; pfn++)
        {
            ref var frame = ref _frames[pfn];
            if (frame.Kind == FrameKind.Free)
            {
                continue;
            }

            if (frame.Kind != FrameKind.Anon || frame.MapCount != 1
                || (frame.Flags & (FrameFlags.SwapCache | FrameFlags.Mlocked | FrameFlags.Thp)) != 0
                || frame.Owner < 0 || frame.Owner >= _mms.Count || !_mms[frame.Owner].Alive)
            {
                return -1;
            }

            var m = _mms[frame.Owner];
            var va = (ulong)frame.Index << _pageShift;
            var leaf = m.Tables.FindLeaf(va);
            var pte = leaf is null ? 0 : leaf[(int)frame.Index & _pteMask];
            if ((pte & (Pte.Present | Pte.Huge | Pte.PageCache | Pte.Zero)) != Pte.Present || Pte.Frame(pte) != pfn)
            {
                return -1;
            }

            used++;
        }

        return used;
    }

    /// <summary>migrate_pages for one anonymous page: a frame outside the range takes its content and its PTE.</summary>
    private void MigrateAnonFrame(int pfn, int block)
    {
        ref var old = ref _frames[pfn];
        var target = _frames.Allocate(FrameKind.Anon, old.Owner, old.Index);
        while (target >= block && target < block + HugePages)
        {
            _compactHeld.Add(target);   // a free frame of the range itself: kept aside until the range is empty
            target = _frames.Allocate(FrameKind.Anon, old.Owner, old.Index);
        }

        old = ref _frames[pfn];
        ref var moved = ref _frames[target];
        moved.Stamp = old.Stamp;
        moved.MapCount = 1;
        moved.Flags |= old.Flags & (FrameFlags.Dirty | FrameFlags.Referenced);
        var m = _mms[old.Owner];
        var va = (ulong)old.Index << _pageShift;
        var leaf = m.Tables.FindLeaf(va)!;
        var i = (int)old.Index & _pteMask;
        leaf[i] = (leaf[i] & ~(Pte.FrameMask << Pte.FrameShift)) | ((ulong)target << Pte.FrameShift);
        old.MapCount = 0;
        _frames.Free(pfn);
        FlushTlbRange(m, va, va + PageSize);
    }
}
