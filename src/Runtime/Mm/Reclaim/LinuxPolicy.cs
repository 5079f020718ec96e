namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The two-list LRU of mm/vmscan.c (MODEL.md section 6) over the lists of
/// the node being reclaimed (<see cref="IReclaimContext.Lru"/>, a node's
/// lruvec): anon (and shmem) and file pages, each on an active and an
/// inactive list. The frame table puts new pages at the head of
/// their inactive list; this policy only moves them and picks victims. The
/// kernel's hardware accessed bits are read through the reverse map
/// (<see cref="IReclaimContext.TestAndClearReferenced"/>), so no access is tracked.
/// <code>
/// Reclaim(n):                                   // shrink_node, do_try_to_free_pages
///   for priority = 12 down to 0, until n freed:
///     nr[lru] = get_scan_count(priority)
///     deactivate[type] = inactive_is_low(type)  // prepare_scan_control
///     while nr[inactive anon] or nr[active file] or nr[inactive file], until n freed:
///       for lru in (inactive anon, active anon, inactive file, active file):
///         batch = min(32, nr[lru]); nr[lru] -= batch
///         active lru:   if deactivate[type]: shrink_active_list(batch)
///         inactive lru: shrink_inactive_list(batch)
///     if swap and inactive_is_low(anon): shrink_active_list(32, active anon)
///     shrink_slab(priority)                     // the dentries and inodes
///
/// get_scan_count: size = lru size >> priority
///   no swap                     -> file lists only
///   priority 0, swappiness > 0  -> both, equally
///   no file pages, or file + free &lt;= high watermark (file is tiny),
///   and the inactive anon list is not low -> anon lists only
///   otherwise                   -> anon: ceil(size * swappiness / 201),
///                                  file: ceil(size * (200 - swappiness) / 201)
///
/// shrink_inactive_list(batch): take pages from the tail (each once):
///   ptes = test_and_clear_young over the rmap; was = TestClearPageReferenced
///   ptes > 0:  SetPageReferenced
///              anon/shmem, or was set, or ptes > 1 -> activate (pgactivate)
///              else keep: back to the inactive head
///   ptes == 0: evict (unmap, write back or swap out, free); cannot -> inactive head
///
/// shrink_active_list(batch): take pages from the active tail, clear their
///   accessed bits, move them to the inactive head (pgdeactivate)
///
/// inactive_is_low(type): gb = (inactive + active) of that type in GiB
///   inactive * (gb ? int_sqrt(10 * gb) : 1) &lt; active
/// </code>
/// Simplified against the kernel: the anon:file balance is swappiness alone
/// (no recent refault cost, no cache-trim mode, no workingset shadow entries);
/// pages that cannot go rotate to the inactive head rather than being
/// activated; executable file pages get no extra protection; scanning stops
/// as soon as enough is freed, even inside a batch (no proportional finish); the scan is one pass
/// per batch with no isolation step, which changes no decision.
/// </summary>
internal sealed class LinuxPolicy : IReclaimPolicy
{
    /// <summary>DEF_PRIORITY: the first pass scans each list's size &gt;&gt; 12.</summary>
    public const int DefPriority = 12;
    private const int SwapClusterMax = 32;
    private const int GigabyteShift = 30 - 12;

    private readonly long[] _toScan = new long[4];

    public string Name => "linux";

    public bool TracksAccesses => false;

    public void Added(int pfn)
    {
    }

    public void Removed(int pfn)
    {
    }

    public void Accessed(int pfn)
    {
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        var total = default(ReclaimTally);
        for (var priority = DefPriority; priority >= 0 && total.Reclaimed < nrToReclaim; priority--)
        {
            total += ShrinkNode(context, nrToReclaim - total.Reclaimed, priority);
        }

        return total;
    }

    /// <summary>
    /// shrink_node at one <paramref name="priority"/> on the lists of the node
    /// <paramref name="context"/> reclaims (direct reclaim walks the zonelist's
    /// nodes at each priority, Kernel.ShrinkNode.cs).
    /// </summary>
    public ReclaimTally ShrinkNode(IReclaimContext context, int nrToReclaim, int priority)
    {
        var lru = context.Lru;
        GetScanCount(context, priority);
        var deactivateAnon = InactiveIsLow(lru, LruList.InactiveAnon, LruList.ActiveAnon);
        var deactivateFile = InactiveIsLow(lru, LruList.InactiveFile, LruList.ActiveFile);
        var tally = default(ReclaimTally);
        while ((_toScan[(int)LruList.InactiveAnon] > 0 || _toScan[(int)LruList.ActiveFile] > 0 || _toScan[(int)LruList.InactiveFile] > 0)
               && tally.Reclaimed < nrToReclaim)
        {
            for (var l = LruList.InactiveAnon; l <= LruList.ActiveFile; l++)
            {
                var batch = (int)Math.Min(SwapClusterMax, _toScan[(int)l]);
                if (batch == 0)
                {
                    continue;
                }

                _toScan[(int)l] -= batch;
                switch (l)
                {
                    case LruList.ActiveAnon when deactivateAnon:
                        ShrinkActiveList(context, batch, LruList.ActiveAnon, LruList.InactiveAnon);
                        break;
                    case LruList.ActiveFile when deactivateFile:
                        ShrinkActiveList(context, batch, LruList.ActiveFile, LruList.InactiveFile);
                        break;
                    case LruList.InactiveAnon:
                    case LruList.InactiveFile:
                        tally += ShrinkInactiveList(context, batch, nrToReclaim - tally.Reclaimed, l, l + 1);
                        break;
                }
            }
        }

        if (context.CanSwap && InactiveIsLow(lru, LruList.InactiveAnon, LruList.ActiveAnon))
        {
            ShrinkActiveList(context, SwapClusterMax, LruList.ActiveAnon, LruList.InactiveAnon);
        }

        context.ShrinkSlab(priority);
        return tally;
    }

    private void GetScanCount(IReclaimContext context, int priority)
    {
        var lru = context.Lru;
        var anon = lru.Count(LruList.InactiveAnon) + lru.Count(LruList.ActiveAnon);
        var file = lru.Count(LruList.InactiveFile) + lru.Count(LruList.ActiveFile);
        var swappiness = Math.Clamp(context.Swappiness, 0, 200);
        long anonShare, fileShare;
        const long whole = 201;
        if (!context.CanSwap)
        {
            (anonShare, fileShare) = (0, whole);
        }
        else if (priority == 0 && swappiness > 0)
        {
            (anonShare, fileShare) = (whole, whole);
        }
        else if ((file == 0 || file + context.FreePages <= context.HighWatermark)
                 && (anon >> priority) > 0
                 && !InactiveIsLow(lru, LruList.InactiveAnon, LruList.ActiveAnon))
        {
            (anonShare, fileShare) = (whole, 0);
        }
        else
        {
            (anonShare, fileShare) = (swappiness, 200 - swappiness);
        }

        for (var l = LruList.InactiveAnon; l <= LruList.ActiveFile; l++)
        {
            var share = l is LruList.InactiveFile or LruList.ActiveFile ? fileShare : anonShare;
            var size = lru.Count(l) >> priority;
            _toScan[(int)l] = (size * share + whole - 1) / whole;
        }
    }

    private static ReclaimTally ShrinkInactiveList(IReclaimContext context, int batch, int wanted, LruList inactive, LruList active)
    {
        var frames = context.Frames;
        var lru = context.Lru;
        var count = (int)Math.Min(batch, lru.Count(inactive));
        int reclaimed = 0, scanned = 0, activated = 0;
        for (var i = 0; i < count && reclaimed < wanted; i++)
        {
            var pfn = lru.Tail(inactive);
            if (pfn < 0)
            {
                break;
            }

            scanned++;
            var ptes = context.TestAndClearReferenced(pfn);
            ref var frame = ref frames[pfn];
            var wasReferenced = (frame.Flags & FrameFlags.Referenced) != 0;
            if (ptes > 0)
            {
                frame.Flags |= FrameFlags.Referenced;
                if (frame.Kind != FrameKind.File || wasReferenced || ptes > 1)
                {
                    lru.MoveToHead(frames, pfn, active);
                    activated++;
                }
                else
                {
                    lru.MoveToHead(frames, pfn, inactive);
                }

                continue;
            }

            frame.Flags &= ~FrameFlags.Referenced;
            if (context.CanEvict(pfn) && context.Evict(pfn))
            {
                reclaimed++;
            }
            else
            {
                lru.MoveToHead(frames, pfn, inactive);
            }
        }

        if (activated > 0)
        {
            context.Count(VmCounter.pgactivate, activated);
        }

        return new ReclaimTally(reclaimed, scanned);
    }

    private static void ShrinkActiveList(IReclaimContext context, int batch, LruList active, LruList inactive)
    {
        var frames = context.Frames;
        var lru = context.Lru;
        var count = (int)Math.Min(batch, lru.Count(active));
        for (var i = 0; i < count; i++)
        {
            var pfn = lru.Tail(active);
            context.TestAndClearReferenced(pfn);
            lru.MoveToHead(frames, pfn, inactive);
        }

        if (count > 0)
        {
            context.Count(VmCounter.pgdeactivate, count);
        }
    }

    private static bool InactiveIsLow(NodeLru lru, LruList inactive, LruList active)
    {
        var inactivePages = lru.Count(inactive);
        var activePages = lru.Count(active);
        var gb = (inactivePages + activePages) >> GigabyteShift;
        var ratio = gb > 0 ? Watermarks.IntSqrt(10 * gb) : 1;
        return inactivePages * ratio < activePages;
    }
}
