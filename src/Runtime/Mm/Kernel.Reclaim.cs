using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The reclaim engine the policies drive (vmscan.c's shrink_folio_list side
/// and rmap.c): the kernel is the <see cref="IReclaimContext"/>, for the
/// node being reclaimed (<see cref="_reclaimNode"/>: its LRU lists, free pages
/// and marks; Kernel.ShrinkNode.cs sets it). The reverse
/// map finds the PTEs of a frame without a per-page list: an anonymous page
/// is at the same virtual page (<see cref="PageFrame.Index"/>) in the live
/// address spaces of its owner's fork family (the anon_vma root); a file or
/// shmem page is mapped by the VMAs of that object that cover its offset
/// (the i_mmap walk, skipped when the map count is 0, stopped when all the
/// mappings are found). Hits go to a reused
/// buffer: reclaim allocates nothing per page. Eviction is in Kernel.Swap.cs.
/// </summary>
internal sealed partial class Kernel : IReclaimContext
{
    private readonly RmapBuffer _rmapHits = new();
    private long _pagesWritten;

    FrameTable IReclaimContext.Frames => _frames;

    NodeLru IReclaimContext.Lru => _frames.Lru.Node(_reclaimNode);

    bool IReclaimContext.CanSwap => _swap.FreeSlots > 0;

    int IReclaimContext.Swappiness => Machine.Swappiness;

    long IReclaimContext.FreePages => NodeFreePages(_reclaimNode);

    long IReclaimContext.HighWatermark => NodeWatermarks(_reclaimNode).High;

    long IReclaimContext.SwapFreePages => _swap.FreeSlots;

    int IReclaimContext.TestAndClearReferenced(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if (frame.MapCount == 0)
        {
            return 0;
        }

        if (frame.Kind == FrameKind.Anon)
        {
            return TestAndClearAnonReferenced(pfn, ref frame);
        }

        CollectMappers(pfn);
        var referenced = 0;
        foreach (var hit in _rmapHits)
        {
            var pte = hit.Leaf[hit.Index];
            if ((pte & Pte.Accessed) != 0)
            {
                hit.Leaf[hit.Index] = pte & ~Pte.Accessed;
                referenced++;
            }
        }

        _rmapHits.Clear();
        return referenced;
    }

    /// <summary>The anonymous rmap walk of <see cref="CollectMappers"/>, clearing accessed bits as it goes (no buffer).</summary>
    private int TestAndClearAnonReferenced(int pfn, ref PageFrame frame)
    {
        var va = (ulong)frame.Index << _pageShift;
        var i = (int)(va >> _pageShift) & _pteMask;
        var referenced = 0;
        foreach (var mm in _mms[frame.Owner].Family)
        {
            if (!mm.Alive)
            {
                continue;
            }

            var leaf = mm.Tables.FindLeaf(va);
            if (leaf is null)
            {
                continue;
            }

            var pte = leaf[i];
            if ((pte & (Pte.Present | Pte.Zero | Pte.PageCache | Pte.Accessed)) == (Pte.Present | Pte.Accessed) && Pte.Frame(pte) == pfn)
            {
                leaf[i] = pte & ~Pte.Accessed;
                referenced++;
            }
        }

        return referenced;
    }

    /// <summary>A policy may evict only pages of the node being reclaimed (a textbook policy's one queue holds every node's).</summary>
    bool IReclaimContext.CanEvict(int pfn) => (!_numa || _frames.NodeOf(pfn) == _reclaimNode) && CanEvict(pfn);

    bool IReclaimContext.Evict(int pfn) => Evict(pfn);

    void IReclaimContext.Count(VmCounter counter, long n) => _vmstat[(int)counter] += n;

    private bool CanEvict(int pfn)
    {
        ref var frame = ref _frames[pfn];
        if ((frame.Flags & FrameFlags.Mlocked) != 0)
        {
            return false;   // on the unevictable list
        }

        return frame.Kind switch
        {
            FrameKind.File => true,
            FrameKind.Anon => (frame.Flags & FrameFlags.SwapCache) != 0 || _swap.FreeSlots > 0,
            FrameKind.Shmem => _swap.FreeSlots > 0,
            _ => false,
        };
    }

    /// <summary>Fills <see cref="_rmapHits"/> with every PTE that maps <paramref name="pfn"/>.</summary>
    private void CollectMappers(int pfn)
    {
        _rmapHits.Clear();
        ref var frame = ref _frames[pfn];
        if (frame.MapCount == 0)
        {
            return;
        }

        if (frame.Kind == FrameKind.Anon)
        {
            var va = (ulong)frame.Index << _pageShift;
            foreach (var mm in _mms[frame.Owner].Family)
            {
                if (!mm.Alive)
                {
                    continue;
                }

                var leaf = mm.Tables.FindLeaf(va);
                var i = (int)(va >> _pageShift) & _pteMask;
                if (leaf is not null && (leaf[i] & (Pte.Present | Pte.Zero | Pte.PageCache)) == Pte.Present && Pte.Frame(leaf[i]) == pfn)
                {
                    _rmapHits.Add(new RmapHit(mm, leaf, i, va));
                }
            }

            return;
        }

        var obj = _objects[frame.Owner];
        var page = (ulong)frame.Index;
        var mapCount = frame.MapCount;
        foreach (var mm in _mms)
        {
            if (_rmapHits.Count == mapCount)
            {
                return;   // every mapping found
            }

            if (!mm.Alive)
            {
                continue;
            }

            foreach (var vma in mm.Vmas)
            {
                if (vma.Object != obj || page < vma.PageOffset || page - vma.PageOffset >= vma.Pages)
                {
                    continue;
                }

                var va = vma.Start + ((page - vma.PageOffset) << _pageShift);
                var leaf = mm.Tables.FindLeaf(va);
                var i = (int)(va >> _pageShift) & _pteMask;
                if (leaf is not null && (leaf[i] & (Pte.Present | Pte.PageCache)) == (Pte.Present | Pte.PageCache) && Pte.Frame(leaf[i]) == pfn)
                {
                    _rmapHits.Add(new RmapHit(mm, leaf, i, va));
                }
            }
        }
    }
}
