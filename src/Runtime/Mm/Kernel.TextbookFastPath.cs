using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The textbook write path: the same model as <see cref="Access"/>, with the
/// generality a textbook run does not use taken out of the miss. On a
/// textbook machine (<c>watermarks off</c>, <c>pagetables free</c>, no THP,
/// one node) under <c>reclaim lru</c>, <c>fifo</c>, <c>clock</c> or <c>opt</c> (both passes), a write fault on a
/// private anonymous page (never touched, or on swap and nowhere else) needs
/// one frame, and when none is free the policy's next victim (lru's and
/// fifo's list head, the page clock's hand stops at, opt's page used
/// furthest ahead or never again) is, in a textbook run,
/// one anonymous page mapped once, by this process alone. Then
/// <see cref="FastWrite"/> does what Reserve, the policy's reclaim pass, the
/// reverse map and the fault handler would do, in the same order on the same
/// structures (PTEs, frames, swap slots, TLB, the policy's list, counters,
/// costs), without their dispatch: no reservation loop, no need computed
/// twice, no rmap buffer, no interface calls per candidate. Whatever else
/// (a hit, a zero page, a swap-cache page, a VMA's first fault, a victim
/// that is not that simple page, no free swap slot) goes through
/// <see cref="Access"/>. Reports are byte-identical either way (tests run the
/// corpus and generated patterns both ways); <see cref="FastPathSwitch"/>
/// turns it off.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>
    /// Decided once per statement: true when a <c>write</c> of
    /// [<paramref name="start"/>, <paramref name="end"/>) by <paramref name="mm"/>
    /// may take <see cref="FastWrite"/> (each access still checks its own case).
    /// </summary>
    public bool TextbookWriteEligible(int mm, ulong start, ulong end) => TextbookWriteEligible(mm, start, end, out _);

    /// <summary>As above, with a <see cref="LeafCache"/> for the region's tables when eligible.</summary>
    public bool TextbookWriteEligible(int mm, ulong start, ulong end, out LeafCache? leaves)
    {
        leaves = null;
        if (!FastPathSwitch.Enabled || Machine.Watermarks != WatermarkMode.Off || Machine.PageTablesCharged
            || Machine.Thp != "never" || _numa || Policy is not (LruPolicy or FifoPolicy or ClockPolicy or OptPolicy) || start >= end)
        {
            return false;
        }

        var m = _mms[mm];
        if (!m.Alive || m.Family.Count != 1)
        {
            return false;
        }

        var vma = m.Find(start);
        if (vma is not { Kind: MapKind.AnonPrivate, Write: true, Shared: false, Locked: false, Hugetlb: false } || end > vma.End)
        {
            return false;
        }

        leaves = LeafCache.For(start, end, _leafShift);
        return true;
    }

    /// <summary>A write to <paramref name="address"/>, as <see cref="Access"/> would make it (see the type's note).</summary>
    public FaultResult FastWrite(int mm, ulong address, LeafCache? leaves, ref long costNs)
    {
        var m = _mms[mm];
        var key = address >> _leafShift;
        var leaf = key == m.CachedLeafKey ? m.CachedLeaf : leaves is not null && address < UserSpaceEnd ? leaves.Find(m.Tables, key, address) : FindLeaf(m, address, key);
        if (leaf is not null)
        {
            m.CachedLeafKey = key;   // as FindLeaf leaves it
            m.CachedLeaf = leaf;
        }

        if (leaf is null)
        {
            return Access(mm, address, AccessKind.Write, ref costNs);
        }

        var i = (int)(address >> _pageShift) & _pteMask;
        var pte = leaf[i];
        var swapped = Pte.IsSwap(pte);
        if ((pte != 0 && !swapped) || m.CachedVma is not { } vma || address < vma.Start || address >= vma.End
            || vma.Kind != MapKind.AnonPrivate || !vma.Write || vma.Locked || vma.Hugetlb || !vma.HasAnonVma || !m.Alive
            || (swapped && (_swap.CachePfn(Pte.Frame(pte)) >= 0 || _swap.Refs(Pte.Frame(pte)) != 1)))
        {
            return Access(mm, address, AccessKind.Write, ref costNs);
        }

        if (_frames.FreeFrames < 1 && !TryEvictNext(m, leaves, ref costNs))
        {
            return Access(mm, address, AccessKind.Write, ref costNs);
        }

        FastPathSwitch.CountTaken();
        var va = address & ~(PageSize - 1);
        (FaultResult Result, long Cost) outcome = swapped
            ? SwapInFault(m, vma, leaf, i, pte, va, AccessKind.Write)
            : AnonFault(m, vma, leaf, i, va, AccessKind.Write);
        if (outcome.Result == FaultResult.Major)
        {
            m.MajFlt++;
            _vmstat[(int)VmCounter.pgmajfault]++;
        }
        else
        {
            m.MinFlt++;
        }

        _vmstat[(int)VmCounter.pgfault]++;
        costNs += outcome.Cost;
        m.Tlb.Fill(va, AccessKind.Write, false);
        if (_policyTracksAccesses)
        {
            Policy.Accessed(Pte.Frame(leaf[i]));
        }

        return outcome.Result;
    }

    /// <summary>
    /// Host prefetch for the next writes of a statement on this path (see
    /// <see cref="HostPrefetch"/>; no effect on the model): the PTE of the
    /// write after next, and for the next write, whose PTE was asked for one
    /// request earlier, its swap slot record when it is on swap or its frame
    /// when it is resident.
    /// <see cref="ulong.MaxValue"/> is no request.
    /// </summary>
    public void PrefetchForWrite(LeafCache leaves, ulong next, ulong afterNext)
    {
        if (afterNext != ulong.MaxValue && leaves.Peek(afterNext >> _leafShift) is { } far)
        {
            HostPrefetch.Element(far, (int)(afterNext >> _pageShift) & _pteMask, _pteMask + 1);
        }

        if (next != ulong.MaxValue && leaves.Peek(next >> _leafShift) is { } leaf)
        {
            var pte = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(leaf), (int)(next >> _pageShift) & _pteMask);
            if (Pte.IsSwap(pte))
            {
                _swap.Prefetch(Pte.Frame(pte));
            }
            else if ((pte & Pte.Present) != 0)
            {
                _frames.Prefetch(Pte.Frame(pte));
            }
        }
    }

    /// <summary>
    /// Textbook Reserve of one frame with none free: one direct-reclaim pass
    /// that scans to the policy's next victim (lru and fifo: their list's
    /// head; clock: the first frame from the hand whose bit is clear, the bits
    /// passed cleared; opt: see <see cref="OptPolicy.PeekVictim"/>) and evicts it (allocstall, pgscan_direct,
    /// pgsteal_direct, pswpout, the scan and the write's cost). False, with
    /// nothing changed, when that victim is not a page this path knows how to evict.
    /// </summary>
    private bool TryEvictNext(AddressSpace m, LeafCache? leaves, ref long costNs)
    {
        if (_swap.FreeSlots <= 0)
        {
            return false;
        }

        var queue = Policy switch
        {
            LruPolicy lru => lru.Queue,
            FifoPolicy fifo => fifo.Queue,
            _ => null,
        };
        var clock = Policy as ClockPolicy;
        int pfn;
        var scanned = 1;
        if (queue is not null)
        {
            pfn = queue.Head;
        }
        else if (clock is not null)
        {
            pfn = clock.PeekVictim(out scanned);
        }
        else if (Policy is OptPolicy opt)
        {
            pfn = opt.PeekVictim(out queue);
        }
        else
        {
            return false;
        }

        if (pfn < 0)
        {
            return false;
        }

        ref var frame = ref _frames[pfn];
        if (frame.Kind != FrameKind.Anon || frame.MapCount != 1 || frame.Owner != m.Id
            || (frame.Flags & (FrameFlags.SwapCache | FrameFlags.Mlocked | FrameFlags.Thp)) != 0)
        {
            return false;
        }

        var va = (ulong)frame.Index << _pageShift;
        var leaf = leaves is not null ? leaves.Find(m.Tables, va >> _leafShift, va) : m.Tables.FindLeaf(va);
        var i = (int)(va >> _pageShift) & _pteMask;
        if (leaf is null || (leaf[i] & (Pte.Present | Pte.Zero | Pte.PageCache)) != Pte.Present || Pte.Frame(leaf[i]) != pfn)
        {
            return false;
        }

        _vmstat[(int)VmCounter.allocstall]++;
        queue?.Unpark();
        clock?.AdvanceTo(pfn);
        var slot = _swap.Allocate();
        _swap.Write(slot, frame.Stamp);
        _vmstat[(int)VmCounter.pswpout]++;
        _pagesWritten++;
        leaf[i] = Pte.MakeSwap(slot, Pte.Stamp(leaf[i]));
        m.RssAnon--;
        m.SwapEnts++;
        FlushTlbRange(m, va, va + PageSize);
        _swap.AddRef(slot);
        frame.MapCount = 0;
        _frames.Free(pfn);
        _vmstat[(int)VmCounter.pgscan_direct] += scanned;
        _vmstat[(int)VmCounter.pgsteal_direct]++;
        costNs += scanned * Costs.ReclaimScanPerPage + Costs.SwapOutPerPage;
        return true;
    }
}
