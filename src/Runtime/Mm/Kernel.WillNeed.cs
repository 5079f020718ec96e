namespace MemScript.Runtime.Mm;

/// <summary>
/// madvise(MADV_WILLNEED) (madvise.c madvise_willneed), measured on 6.18:
/// <code>
/// private anonymous  no fault, no RSS; only the swapped-out pages of the
///                    range are read into the swap cache (swapin_walk_ops,
///                    read_swap_cache_async: pswpin), left unmapped: a later
///                    access finds them there, a minor fault
/// shmem              the swapped-out pages are read back into the object
///                    (shmem_swapin_range), mapped later by a minor fault
/// file               vfs_fadvise(WILLNEED): force_page_cache_ra reads the
///                    range from its first page, at most max(read_ahead_kb,
///                    the device's I/O size) pages (the model has no device
///                    size: `readahead` pages), without a fault, without
///                    PG_readahead marks and without touching the read-ahead
///                    state (32 MiB with an 8 MiB read-ahead: the first
///                    8 MiB; reading the rest then costs one major fault)
/// </code>
/// The reads are submitted and the call returns: the task does not wait for
/// the disk (as with asynchronous read-ahead); it pays any reclaim it did to
/// make room.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>madvise willneed on [start, end) of <paramref name="vma"/>; returns the reclaim cost.</summary>
    private long WillNeed(AddressSpace m, Vma vma, ulong start, ulong end)
    {
        long cost = 0;
        switch (vma.Kind)
        {
            case MapKind.File:
                var first = (long)vma.ObjectPage(start);
                var last = Math.Min(vma.Object!.PageCount, (long)vma.ObjectPage(end));
                WillNeedFile(m, vma.Object, first, Math.Min(last, first + _readaheadPages), ref cost);
                break;
            case MapKind.AnonPrivate:
                WillNeedSwap(m, start, end, ref cost);
                break;
            default:
                WillNeedShmem(m, vma.Object!, (long)vma.ObjectPage(start), Math.Min(vma.Object!.PageCount, (long)vma.ObjectPage(end)), ref cost);
                break;
        }

        return cost;
    }

    /// <summary>
    /// Reads file pages [first, last) into the cache, SWAP_CLUSTER_MAX pages
    /// at a time, each piece reserved first (so a range larger than RAM reads
    /// through reclaim).
    /// </summary>
    private void WillNeedFile(AddressSpace m, MemObject file, long first, long last, ref long cost)
    {
        for (var from = first; from < last && m.Alive; from += SwapClusterMax)
        {
            var to = Math.Min(last, from + SwapClusterMax);
            for (long need = 0, missing; (missing = PageCache.MissingIn(file, from, to)) > need; need = missing)
            {
                if (!Reserve(m.Id, missing, ref cost))
                {
                    return;
                }
            }

            _cache.ReadWindow(file, new ReadaheadWindow(from, to - from, 0, Records: false), -1, long.MaxValue);
        }
    }

    /// <summary>Reads the swapped-out pages of [start, end) into the swap cache, unmapped.</summary>
    private void WillNeedSwap(AddressSpace m, ulong start, ulong end, ref long cost)
    {
        var spans = new List<LeafSpan>();
        m.Tables.CollectLeaves(start, end, spans);
        foreach (var span in spans)
        {
            for (var j = span.First; j < span.Last && m.Alive; j++)
            {
                if (!Pte.IsSwap(span.Ptes[j]) || _swap.CachePfn(Pte.Frame(span.Ptes[j])) >= 0)
                {
                    continue;
                }

                if (!Reserve(m.Id, 1, ref cost) || !m.Alive)
                {
                    return;
                }

                var pte = span.Ptes[j];
                if (!Pte.IsSwap(pte) || _swap.CachePfn(Pte.Frame(pte)) >= 0)
                {
                    continue;
                }

                ReadSwapIntoCache(m, span.BaseVa + ((ulong)j << _pageShift), Pte.Frame(pte));
            }
        }
    }

    /// <summary>Reads the swapped-out pages of shmem pages [first, last) back into the object.</summary>
    private void WillNeedShmem(AddressSpace m, MemObject shmem, long first, long last, ref long cost)
    {
        for (var p = first; p < last && m.Alive; p++)
        {
            if (shmem.Pages[p] >= 0)
            {
                continue;
            }

            if (!Reserve(m.Id, 1, ref cost) || !m.Alive)
            {
                return;
            }

            if (shmem.Pages[p] < 0)
            {
                SwapInShmem(shmem, p, MemObject.SlotOf(shmem.Pages[p]));
            }
        }
    }
}
