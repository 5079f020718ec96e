namespace MemScript.Runtime.Mm;

/// <summary>
/// The fault handler (memory.c), MODEL.md section 2. <see cref="Access"/> is
/// the hot path: the last PTE table used is cached per mm, so a hit is two
/// compares, two array reads and, for a write, a stamp update. Everything
/// else goes to <see cref="Fault"/>, which finds the VMA (growing the stack if
/// the address is just below it and within the limit), checks the
/// protection, and dispatches:
/// <code>
/// PTE present, write  -> zero page: new frame | anon: COW copy or reuse |
///                        cache page: dirty it (shared) or COW it (private)
/// PTE none, anon      -> write: new zeroed frame; read: the zero page
/// PTE none, file      -> not cached: read-around (major); then map the page,
///                        COW it on a private write, fault-around on a read
/// PTE none, shmem     -> allocate the page if missing; shared anonymous also
///                        fault-arounds reads; System V never does
/// </code>
/// Page-cache pages are mapped read-only on a read of a file (a later write
/// takes a fault, as with write-notify); shmem pages are mapped writable when
/// the VMA is, so a write after a read costs nothing. An access to a mapped
/// page costs an L1 TLB hit (4 ns), a second-level hit (7 ns) or a walk (20 ns,
/// 16 ns to a huge PMD), see <see cref="TlbSet"/>; a fault's cost includes the
/// walk of its retried access, which it counts as a TLB miss, and leaves the
/// page in the TLB.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>
    /// One access to the page containing <paramref name="address"/>: walks the
    /// page tables, takes a fault if needed (fault-around, read-around, COW,
    /// zero page...), counts it, and adds its cost to <paramref name="costNs"/>.
    /// Checks and updates the page's content stamp. Allocates nothing.
    /// </summary>
    public FaultResult Access(int mm, ulong address, AccessKind kind, ref long costNs)
    {
        var m = _mms[mm];
        var key = address >> _leafShift;
        var leaf = key == m.CachedLeafKey ? m.CachedLeaf : FindLeaf(m, address, key);
        if (leaf is not null)
        {
            var i = (int)(address >> _pageShift) & _pteMask;
            var pte = leaf[i];
            var need = kind switch
            {
                AccessKind.Write => Pte.Present | Pte.Write,
                AccessKind.Exec => Pte.Present | Pte.Exec,
                _ => Pte.Present | Pte.Read,
            };
            if ((pte & need) == need)
            {
                costNs += _translationCost[m.Tlb.Access(address, kind, (pte & Pte.Huge) != 0)];
                if (kind == AccessKind.Write)
                {
                    leaf[i] = StampWrite(pte);
                }
                else
                {
                    if ((pte & Pte.Accessed) == 0)
                    {
                        leaf[i] = pte | Pte.Accessed;   // the hardware sets the accessed bit
                    }

                    if ((pte & (Pte.Zero | Pte.PageCache)) == 0)
                    {
                        CheckStamp(m, address, pte);
                    }
                }

                if (_policyTracksAccesses && (pte & Pte.Zero) == 0)
                {
                    Policy.Accessed(Pte.Frame(pte));
                }

                if (_numa)
                {
                    costNs += RemoteCostOf(m, pte);
                }

                return FaultResult.Hit;
            }
        }

        return Fault(m, address, kind, ref costNs);
    }

    private ulong[]? FindLeaf(AddressSpace m, ulong address, ulong key)
    {
        if (address >= UserSpaceEnd)
        {
            return null;
        }

        var leaf = m.Tables.FindLeaf(address);
        if (leaf is not null)
        {
            m.CachedLeafKey = key;
            m.CachedLeaf = leaf;
        }

        return leaf;
    }

    private FaultResult Fault(AddressSpace m, ulong address, AccessKind kind, ref long costNs)
    {
        if (address >= UserSpaceEnd || !m.Alive)
        {
            return FaultResult.SegvMapErr;
        }

        var vma = m.CachedVma is { } last && last.Start <= address && address < last.End
            ? last
            : m.Find(address) ?? GrowStack(m, address);
        if (vma is null)
        {
            return FaultResult.SegvMapErr;
        }

        if (!Permits(vma, kind))
        {
            return FaultResult.SegvAccErr;
        }

        m.CachedVma = vma;
        return HandleFault(m, vma, address & ~(PageSize - 1), kind, populate: false, ref costNs);
    }

    private static bool Permits(Vma vma, AccessKind kind) => kind switch
    {
        AccessKind.Write => vma.Write,
        AccessKind.Exec => vma.Exec,
        _ => vma.Read || vma.Write || vma.Exec,   // x86-64: write and exec imply read
    };

    private FaultResult HandleFault(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs) =>
        _numa ? HandleFaultOnNode(m, vma, va, kind, populate, ref costNs) : HandleFaultCore(m, vma, va, kind, populate, ref costNs);

    private FaultResult HandleFaultCore(AddressSpace m, Vma vma, ulong va, AccessKind kind, bool populate, ref long costNs)
    {
        if (vma.Hugetlb)
        {
            return HugetlbFault(m, vma, va, kind, populate, ref costNs);
        }

        if (vma.Kind == MapKind.AnonPrivate && Machine.Thp != "never" && HugeFault(m, vma, va, kind, populate, ref costNs) is { } huge)
        {
            return huge;
        }

        // Reclaim may evict what the fault was about to find (a cached file
        // page becomes a read-around miss): reserve until the need is stable.
        var need = FaultNeed(m, vma, va, kind, out var optional);
        while (true)
        {
            if ((_lowmemSplit && !ReserveLowmem(m.Id, MissingTables(m, va), ref costNs)) || !Reserve(m.Id, need, ref costNs, need - optional) || !m.Alive)
            {
                return FaultResult.OomKilled;
            }

            var again = FaultNeed(m, vma, va, kind, out optional);
            if (again <= need)
            {
                break;
            }

            need = again;
        }

        var leaf = (va >> _leafShift) == m.CachedLeafKey ? m.CachedLeaf! : m.Tables.GetOrCreateLeaf(va);
        m.CachedLeafKey = va >> _leafShift;
        m.CachedLeaf = leaf;
        var i = (int)(va >> _pageShift) & _pteMask;
        var pte = leaf[i];
        (FaultResult Result, long Cost) outcome;
        if ((pte & Pte.Present) != 0)
        {
            outcome = kind == AccessKind.Write
                ? WriteProtectFault(m, vma, leaf, i, pte, va)
                : (FaultResult.Hit, Costs.TlbHit);
        }
        else if (Pte.IsSwap(pte))
        {
            outcome = SwapInFault(m, vma, leaf, i, pte, va, kind);
        }
        else
        {
            outcome = vma.Kind switch
            {
                MapKind.AnonPrivate => AnonFault(m, vma, leaf, i, va, kind),
                MapKind.File => FileFault(m, vma, leaf, i, va, kind),
                _ => ShmemFault(m, vma, leaf, i, va, kind),
            };
        }

        switch (outcome.Result)
        {
            case FaultResult.Minor:
                m.MinFlt++;
                _vmstat[(int)VmCounter.pgfault]++;
                costNs += populate ? Costs.PopulatePerPage : outcome.Cost;
                break;
            case FaultResult.Major:
                // A populating fault (get_user_pages) that waited for the disk is
                // retried without FAULT_FLAG_TRIED and completes as a minor one;
                // filemap_fault / do_swap_page counted pgmajfault already.
                if (populate)
                {
                    m.MinFlt++;
                }
                else
                {
                    m.MajFlt++;
                }

                _vmstat[(int)VmCounter.pgfault]++;
                _vmstat[(int)VmCounter.pgmajfault]++;
                costNs += outcome.Cost;
                break;
            default:
                costNs += outcome.Cost;
                break;
        }

        if (outcome.Result is FaultResult.Minor or FaultResult.Major)
        {
            if (!vma.Shared && !vma.HasAnonVma && (leaf[i] & (Pte.Present | Pte.Zero | Pte.PageCache)) == Pte.Present)
            {
                VmaList.SetAnonVma(m, vma);   // anon_vma_prepare: the VMA now holds anonymous pages
                SlabAnonVmaFault(m);
            }

            if (vma.Locked)
            {
                MlockAfterFault(m, vma, leaf, i, va, pte, populate);
            }

            m.Tlb.Fill(va, kind, (leaf[i] & Pte.Huge) != 0);
            if (_policyTracksAccesses && !populate && (leaf[i] & (Pte.Present | Pte.Zero)) == Pte.Present)
            {
                Policy.Accessed(Pte.Frame(leaf[i]));
            }
        }

        return outcome.Result;
    }

    private (FaultResult, long) AnonFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong va, AccessKind kind)
    {
        if (kind != AccessKind.Write)
        {
            leaf[i] = Pte.Make(0, Pte.Permissions(vma) | Pte.Zero | Pte.Accessed, 0);
            return (FaultResult.Minor, Costs.ZeroPageFault);
        }

        var pfn = NewAnonPage(m, va, stamp: 0);
        leaf[i] = StampWrite(Pte.Make(pfn, Pte.Permissions(vma) | Pte.Write, 0));
        return (FaultResult.Minor, Costs.AnonFault);
    }

    private (FaultResult, long) WriteProtectFault(AddressSpace m, Vma vma, ulong[] leaf, int i, ulong pte, ulong va)
    {
        var flags = Pte.Permissions(vma) | Pte.Write;
        if ((pte & Pte.Zero) != 0)
        {
            FlushTlbRange(m, va, va + PageSize);   // wp_page_copy: ptep_clear_flush
            leaf[i] = StampWrite(Pte.Make(NewAnonPage(m, va, stamp: 0), flags, 0));
            return (FaultResult.Minor, Costs.WriteAfterZeroPage);
        }

        var old = Pte.Frame(pte);
        if ((pte & Pte.PageCache) == 0)
        {
            CheckStamp(m, va, pte);
            ref var frame = ref _frames[old];
            if (frame.MapCount > 1 || !ExclusiveOfSwap(old))
            {
                // wp_can_reuse_anon_folio: another mapper, or a swap entry elsewhere
                // still needs the swap-cache page (it stays there, unmapped, for them)
                var copy = NewAnonPage(m, va, frame.Stamp);
                frame.MapCount--;
                FlushTlbRange(m, va, va + PageSize);
                m.RssAnon--;
                leaf[i] = StampWrite(Pte.Make(copy, flags, 0));
            }
            else
            {
                LeaveSwapCache(old);
                frame.Owner = m.Id;
                frame.Index = (long)(va >> _pageShift);
                leaf[i] = StampWrite(Pte.Make(old, flags, 0));
            }

            return (FaultResult.Minor, Costs.AnonFault);
        }

        if (vma.Shared)
        {
            _cache.MarkDirty(old);
            leaf[i] = StampWrite(pte | Pte.Write);
            return (FaultResult.Minor, Costs.FileMinorFault);
        }

        var cowCopy = NewAnonPage(m, va, _frames[old].Stamp);
        UnmapCachePage(m, old);
        FlushTlbRange(m, va, va + PageSize);
        leaf[i] = StampWrite(Pte.Make(cowCopy, flags, 0));
        return (FaultResult.Minor, Costs.AnonFault);
    }

    /// <summary>
    /// expand_downwards and acct_stack_growth: an access below the stack VMA grows it down to the
    /// page, unless the stack would exceed RLIMIT_STACK (<c>limit stack</c>, measured from its top),
    /// come within stack_guard_gap (256 pages) of an accessible mapping below it (a PROT_NONE one may
    /// be reached), or break `limit as` or overcommit. Refused, the access is SIGSEGV (SEGV_MAPERR)
    /// and counts no fault (measured: docs/probes/stack.c).
    /// </summary>
    private Vma? GrowStack(AddressSpace m, ulong address)
    {
        var stack = m.StackVma();
        if (stack is null || address >= stack.Start || stack.End - (address & ~(PageSize - 1)) > m.StackLimit)
        {
            return null;
        }

        var newStart = address & ~(PageSize - 1);
        var next = m.IndexAbove(newStart);
        if (m.Vmas[next] != stack)
        {
            return null;
        }

        if (next > 0 && m.Vmas[next - 1] is { } prev && prev.Role != VmaRole.Stack
            && (prev.Read || prev.Write || prev.Exec) && newStart - prev.End < StackGuardGap)
        {
            return null;
        }

        var growth = stack.Start - newStart;
        if ((m.LimitAs is { } limitAs && m.VmSize() + growth > limitAs) || !_commit.TryCharge((long)(growth >> _pageShift)))
        {
            return null;
        }

        stack.Start = newStart;
        m.Vmas.BoundsChanged(next);
        return stack;
    }
}
