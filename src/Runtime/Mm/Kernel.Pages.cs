namespace MemScript.Runtime.Mm;

/// <summary>
/// Page-level helpers shared by the fault handler, zap, fork and the syscalls
/// (the rmap.c side of things): allocating an anonymous page, mapping and
/// unmapping a page-cache page with its map count and RSS, and the content
/// stamps of MODEL.md section 10. A stamp is a global write counter: each
/// write gives the page a new value, held in full by the frame and in its low
/// 24 bits by the writer's PTE; a read of a private anonymous page compares
/// the two, and a COW copy carries the value over.
/// </summary>
internal sealed partial class Kernel
{
    private int NewAnonPage(AddressSpace m, ulong va, uint stamp)
    {
        var pfn = _frames.Allocate(FrameKind.Anon, m.Id, (long)(va >> _pageShift));
        ref var frame = ref _frames[pfn];
        frame.MapCount = 1;
        frame.Stamp = stamp;
        m.RssAnon++;
        return pfn;
    }

    /// <summary>A write through <paramref name="pte"/>: a new stamp in the frame and the PTE.</summary>
    private ulong StampWrite(ulong pte)
    {
        var stamp = ++_writeClock;
        _frames[Pte.Frame(pte)].Stamp = stamp;
        return Pte.WithStamp(pte, stamp) | Pte.Accessed | Pte.Dirty;
    }

    private void CheckStamp(AddressSpace m, ulong address, ulong pte)
    {
        if ((_frames[Pte.Frame(pte)].Stamp & Pte.StampMask) != Pte.Stamp(pte))
        {
            _stampErrors++;
            _firstStampError ??= string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"mm {m.Id} page 0x{address & ~(PageSize - 1):x}: expected stamp {Pte.Stamp(pte)}, frame holds {_frames[Pte.Frame(pte)].Stamp & Pte.StampMask}");
        }
    }

    /// <summary>
    /// Fault injection for the self-check: one more map count on the lowest
    /// mapped anonymous frame than PTEs map it, as a lost unmap would leave.
    /// Returns false when no anonymous frame is mapped.
    /// </summary>
    internal bool InjectMapCountCorruption()
    {
        var highWater = _frames.HighWater;
        for (var pfn = (int)_frames.KernelFrames; pfn < highWater; pfn++)
        {
            if (_frames.Materialized(pfn) && _frames[pfn].Kind == FrameKind.Anon && _frames[pfn].MapCount > 0)
            {
                _frames[pfn].MapCount++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fault injection for the self-check: changes the content of the frame mapped
    /// at <paramref name="address"/> behind its mapping's back, as a lost write
    /// would. Returns false when no frame is mapped there.
    /// </summary>
    internal bool InjectContentCorruption(int mm, ulong address)
    {
        var leaf = _mms[mm].Tables.FindLeaf(address);
        var pte = leaf is null ? 0 : leaf[(int)(address >> _pageShift) & _pteMask];
        if ((pte & Pte.Present) == 0 || (pte & Pte.Zero) != 0)
        {
            return false;
        }

        _frames[Pte.Frame(pte)].Stamp ^= 1;
        return true;
    }

    private void MapCachePage(AddressSpace m, ulong[] leaf, int i, int pfn, ulong flags)
    {
        leaf[i] = Pte.Make(pfn, flags | Pte.PageCache | Pte.Accessed, 0);
        ref var frame = ref _frames[pfn];
        if (frame.MapCount++ == 0)
        {
            _mappedCachePages++;
        }

        if (frame.Kind == FrameKind.File)
        {
            m.RssFile++;
        }
        else
        {
            m.RssShmem++;
        }
    }

    private void UnmapCachePage(AddressSpace m, int pfn)
    {
        ref var frame = ref _frames[pfn];
        if (--frame.MapCount == 0)
        {
            _mappedCachePages--;
        }

        if (frame.Kind == FrameKind.File)
        {
            m.RssFile--;
        }
        else
        {
            m.RssShmem--;
        }
    }

    /// <summary>Clears PTEs in [start, end) (zap_pte_range): frees anon pages nobody maps and swap entries, keeps tables.</summary>
    private long Zap(AddressSpace m, ulong start, ulong end)
    {
        long zapped = 0;
        _leaves.Clear();
        m.Tables.CollectLeaves(start, end, _leaves);
        foreach (var span in _leaves)
        {
            var ptes = span.Ptes;
            for (var j = span.First; j < span.Last; j++)
            {
                var pte = ptes[j];
                if (pte == 0)
                {
                    continue;
                }

                ptes[j] = 0;
                zapped++;
                if (Pte.IsSwap(pte))
                {
                    m.SwapEnts--;
                    ReleaseSwapEntry(Pte.Frame(pte));
                    continue;
                }

                m.Gather(span.BaseVa + ((ulong)j << _pageShift));
                if (j == 0 && (pte & (Pte.Huge | Pte.Zero)) == Pte.Huge)
                {
                    PmdUnmapped(Pte.Frame(pte));   // zap_huge_pmd: the whole huge PMD goes
                }

                if ((pte & Pte.Zero) != 0)
                {
                    continue;
                }

                var pfn = Pte.Frame(pte);
                if ((pte & Pte.Huge) != 0 && _frames[pfn].Kind == FrameKind.Hugetlb)
                {
                    ZapHugetlbPte(m, pfn, span.BaseVa + ((ulong)j << _pageShift));
                    continue;
                }

                if ((pte & Pte.Mlocked) != 0)
                {
                    MunlockFrame(pfn);
                }

                if ((pte & Pte.PageCache) != 0)
                {
                    UnmapCachePage(m, pfn);
                    continue;
                }

                m.RssAnon--;
                if (--_frames[pfn].MapCount == 0)
                {
                    FreeAnonPage(pfn);
                }
            }
        }

        _leaves.Clear();
        return zapped;
    }

    /// <summary>free_swap_and_cache: drops a swap PTE's reference; the last one also frees a swap-cache page nobody maps.</summary>
    private void ReleaseSwapEntry(int slot)
    {
        _swap.Release(slot);
        var cached = _swap.CachePfn(slot);
        if (cached >= 0 && _swap.Refs(slot) == 0 && _frames[cached].MapCount == 0)
        {
            FreeAnonPage(cached);
        }
    }
}
