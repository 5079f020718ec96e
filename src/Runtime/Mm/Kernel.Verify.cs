using System.Globalization;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The deep half of the "frames conserved" self-check: walks every live page
/// table and checks that each frame's map count is the number of PTEs that
/// map it, that each address space's RSS counters match its PTEs, that no
/// anonymous frame is left unmapped (a leak) unless it is a swap-cache page
/// whose slot other swap entries still hold, and that every page-cache frame
/// is where its object says it is; that every swap slot's count is the
/// number of swap PTEs and shmem objects that hold it, each mm's swap-entry
/// count matches its PTEs, and swap-cache pages and slots point at each other;
/// and that each frame's mlock count is the number of its PTEs marked mlocked.
/// Costs one pass over the tables, the frames and the swap slots ever used
/// (up to the swap area's high water), and reused arrays.
/// </summary>
internal sealed partial class Kernel
{
    private int[] _mapCounts = [];
    private int[] _mlockCounts = [];
    private int[] _slotRefs = [];

    private void VerifyMappings(List<string> problems)
    {
        if (_mapCounts.Length < _frames.HighWater)
        {
            _mapCounts = new int[_frames.HighWater];
        }
        else
        {
            Array.Clear(_mapCounts);
        }

        var mapCounts = _mapCounts;
        if (_mlockCounts.Length < _frames.HighWater)
        {
            _mlockCounts = new int[_frames.HighWater];
        }
        else
        {
            Array.Clear(_mlockCounts);
        }

        var mlockCounts = _mlockCounts;
        if (_slotRefs.Length < _swap.HighWater)
        {
            _slotRefs = new int[_swap.HighWater];
        }
        else
        {
            Array.Clear(_slotRefs);
        }

        var slotRefs = _slotRefs;
        var spans = new List<LeafSpan>();
        foreach (var m in _mms)
        {
            if (!m.Alive)
            {
                continue;
            }

            long anon = 0, file = 0, shmem = 0, swapEnts = 0, hugetlb = 0;
            spans.Clear();
            m.Tables.CollectLeaves(0, UserSpaceEnd, spans);
            foreach (var span in spans)
            {
                for (var j = span.First; j < span.Last; j++)
                {
                    var pte = span.Ptes[j];
                    if (Pte.IsSwap(pte))
                    {
                        swapEnts++;
                        CountSlotRef(slotRefs, Pte.Frame(pte), problems);
                        continue;
                    }

                    if ((pte & Pte.Present) == 0 || (pte & Pte.Zero) != 0)
                    {
                        continue;
                    }

                    var pfn = Pte.Frame(pte);
                    mapCounts[pfn]++;
                    if ((pte & Pte.Mlocked) != 0)
                    {
                        mlockCounts[pfn]++;
                    }

                    var kind = _frames[pfn].Kind;
                    if (kind == FrameKind.Anon)
                    {
                        anon++;
                    }
                    else if (kind == FrameKind.File)
                    {
                        file++;
                    }
                    else if (kind == FrameKind.Shmem)
                    {
                        shmem++;
                    }
                    else if (kind == FrameKind.Hugetlb)
                    {
                        mapCounts[pfn]--;   // hugetlb pages count PMD mappings on the head only (checked by HugetlbPages)
                        hugetlb++;
                    }
                    else
                    {
                        problems.Add(Text($"mm {m.Id} maps frame {pfn} of kind {kind}"));
                    }
                }
            }

            if (anon != m.RssAnon || file != m.RssFile || shmem != m.RssShmem)
            {
                problems.Add(Text($"mm {m.Id} counts RSS {m.RssAnon}/{m.RssFile}/{m.RssShmem} pages, its PTEs map {anon}/{file}/{shmem}"));
            }

            if (hugetlb != m.HugetlbPages)
            {
                problems.Add(Text($"mm {m.Id} counts {m.HugetlbPages} hugetlb pages, its PTEs map {hugetlb}"));
            }

            if (swapEnts != m.SwapEnts)
            {
                problems.Add(Text($"mm {m.Id} counts {m.SwapEnts} swap entries, its PTEs hold {swapEnts}"));
            }
        }

        VerifySwap(slotRefs, problems);
        VerifyCachedPageCounts(problems);
        VerifyAnonVmaCounts(problems);
        var highWater = _frames.HighWater;
        for (var pfn = (int)_frames.KernelFrames; pfn < highWater && problems.Count < 8; pfn++)
        {
            if (!_frames.Materialized(pfn))
            {
                continue;
            }

            ref var frame = ref _frames[pfn];
            if (frame.Kind is not (FrameKind.Anon or FrameKind.File or FrameKind.Shmem))
            {
                continue;
            }

            var mapped = mapCounts[pfn];
            var unmappedAnon = frame.Kind == FrameKind.Anon && mapped == 0;
            var heldBySwap = (frame.Flags & FrameFlags.SwapCache) != 0 && _swap.Refs(frame.SwapSlot) > 0;
            if (frame.MapCount != mapped || (unmappedAnon && !heldBySwap))
            {
                problems.Add(Text($"frame {pfn} ({frame.Kind}) has map count {frame.MapCount}, {mapped} PTEs map it"));
            }

            if (frame.MlockCount != mlockCounts[pfn] || ((frame.Flags & FrameFlags.Mlocked) != 0) != (frame.MlockCount > 0))
            {
                problems.Add(Text($"frame {pfn} ({frame.Kind}) has mlock count {frame.MlockCount}, {mlockCounts[pfn]} locked PTEs map it"));
            }

            if ((frame.Flags & FrameFlags.SwapCache) != 0 && (frame.Kind != FrameKind.Anon || _swap.CachePfn(frame.SwapSlot) != pfn))
            {
                problems.Add(Text($"frame {pfn} says it caches swap slot {frame.SwapSlot}, the slot does not"));
            }

            if (frame.Kind != FrameKind.Anon)
            {
                var owner = frame.Owner >= 0 && frame.Owner < _objects.Count ? _objects[frame.Owner] : null;
                if (owner is null || frame.Index >= owner.PageCount || owner.Pages[frame.Index] != pfn + 1)
                {
                    problems.Add(Text($"page-cache frame {pfn} is not where its object says"));
                }
            }
        }
    }

    private void VerifySwap(int[] slotRefs, List<string> problems)
    {
        foreach (var obj in _objects)
        {
            if (!obj.IsShmem || obj.Destroyed)
            {
                continue;
            }

            foreach (var entry in obj.Pages)
            {
                if (entry < 0)
                {
                    CountSlotRef(slotRefs, MemObject.SlotOf(entry), problems);
                }
            }
        }

        var slotsUsed = _swap.HighWater;
        long free = _swap.TotalSlots - slotsUsed;
        for (var slot = 0; slot < slotsUsed && problems.Count < 8; slot++)
        {
            if (slotRefs[slot] != _swap.Refs(slot))
            {
                problems.Add(Text($"swap slot {slot} counts {_swap.Refs(slot)} references, {slotRefs[slot]} found"));
            }

            var pfn = _swap.CachePfn(slot);
            if (pfn >= 0 && ((_frames[pfn].Flags & FrameFlags.SwapCache) == 0 || _frames[pfn].SwapSlot != slot))
            {
                problems.Add(Text($"swap slot {slot} says frame {pfn} caches it, the frame does not"));
            }

            free += _swap.InUse(slot) ? 0 : 1;
        }

        if (free != _swap.FreeSlots && problems.Count < 8)
        {
            problems.Add(Text($"swap counts {_swap.FreeSlots} free slots, {free} found"));
        }
    }

    private static void CountSlotRef(int[] slotRefs, int slot, List<string> problems)
    {
        if ((uint)slot < (uint)slotRefs.Length)
        {
            slotRefs[slot]++;
        }
        else if (problems.Count < 8)
        {
            problems.Add(Text($"swap slot {slot} is referenced but was never allocated"));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
