using System.Runtime.CompilerServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// The TLBs of the CPU for one address space, as x86 has them: an L1 data
/// TLB for 4 KiB pages (the <c>tlb</c> setting, 64 entries 4-way), an L1 data
/// TLB for 2 MiB pages (32 entries, 4-way), an L1 instruction TLB (128
/// entries 8-way for 4 KiB, 8 entries for 2 MiB) for <c>exec</c> accesses,
/// and the shared second-level TLB (<c>stlb</c>, 1536 entries 12-way, 4 KiB
/// and 2 MiB entries in one array, a 2 MiB entry tagged above the 4 KiB
/// page numbers). <see cref="Access"/> says where a translation came from:
/// <see cref="L1Hit"/>, <see cref="StlbHit"/>, or a page walk
/// (<see cref="Walk"/>, four levels; <see cref="HugeWalk"/>, three, ending
/// at the PMD). A miss loads the entry into the second level and the first.
/// The counters are those <c>perf stat</c> names on Intel: every retired
/// load, store or instruction fetch counts in dTLB-loads, dTLB-stores or
/// iTLB-loads, and one that needed a completed page walk in the -misses
/// counter (DTLB_LOAD_MISSES.WALK_COMPLETED). A faulting access is retried
/// after the fault and walks then: it counts once, as a miss
/// (<see cref="Fill"/>). With <c>tlb off</c> there is no TLB model: every
/// access prices as a hit and no miss is counted. With PCIDs (the default)
/// the entries of an address space survive a context switch, as tagged by
/// its ASID; the model gives each address space its own arrays, so address
/// spaces do not compete for entries (docs/model-notes.md).
/// 1 GiB pages (a PUD-level hugetlb mapping, which the kernel registers with
/// <see cref="MapGiant"/>) have their own arrays, as on Skylake-class cores:
/// an L1 data TLB of 4 entries (fully associative) and a second-level array
/// of 16 entries, 4-way, beside the 4K/2M STLB; a miss walks two levels
/// (<see cref="GiantWalk"/>). Instruction fetches from a 1 GiB page use the
/// 2 MiB iTLB entries the hardware splits them into.
/// </summary>
internal sealed class TlbSet
{
    public const int L1Hit = 0;
    public const int StlbHit = 1;
    public const int Walk = 2;
    public const int HugeWalk = 3;
    public const int GiantWalk = 4;

    /// <summary>Above every 4 KiB page number of a 47-bit space: marks a 2 MiB entry in the STLB.</summary>
    private const ulong HugeTag = 1UL << 36;

    private readonly Tlb? _data4K;
    private readonly Tlb? _data2M;
    private readonly Tlb? _inst4K;
    private readonly Tlb? _inst2M;
    private readonly Tlb? _stlb;

    /// <summary>The second level when its geometry allows one cache line a set (the default's does); then <see cref="_stlb"/> is null.</summary>
    private readonly CacheLineTlb? _stlbLines;
    private readonly Tlb? _data1G;
    private readonly Tlb? _stlb1G;

    /// <summary>The 1 GiB pages this address space maps (virtual address >> 30); null until the first.</summary>
    private HashSet<ulong>? _giant;

    public long DtlbLoads;
    public long DtlbLoadMisses;
    public long DtlbStores;
    public long DtlbStoreMisses;
    public long ItlbLoads;
    public long ItlbLoadMisses;

    /// <summary>PAGE_SHIFT and PMD_SHIFT: the page numbers of small and huge entries.</summary>
    private readonly int _smallShift = 12;
    private readonly int _hugeShift = 21;

    public TlbSet(MachineSettings machine, int smallShift = 12, int hugeShift = 21)
    {
        _smallShift = smallShift;
        _hugeShift = hugeShift;
        if (machine.TlbEntries <= 0)
        {
            return;
        }

        _data4K = new Tlb(machine.TlbEntries, machine.TlbWays);
        _data2M = new Tlb(32, 4);
        _inst4K = new Tlb(128, 8);
        _inst2M = new Tlb(8, 8);
        _data1G = new Tlb(4, 4);
        if (machine.StlbEntries > 0)
        {
            _stlbLines = CacheLineTlb.TryCreate(machine.StlbEntries, machine.StlbWays);
            _stlb = _stlbLines is null ? new Tlb(machine.StlbEntries, machine.StlbWays) : null;
            _stlb1G = new Tlb(16, 4);
        }
    }

    /// <summary>False with <c>tlb off</c>: every access is priced as a hit.</summary>
    public bool Enabled => _data4K is not null;

    /// <summary>An access to a mapped page: counts it and returns where its translation came from.</summary>
    public int Access(ulong address, AccessKind kind, bool huge)
    {
        // The hot path, a data access to a 4 KiB page: the L1 dTLB, then the STLB.
        if (!huge && kind != AccessKind.Exec && _data4K is { } l1)
        {
            var write = kind == AccessKind.Write;
            if (write)
            {
                DtlbStores++;
            }
            else
            {
                DtlbLoads++;
            }

            var key = address >> _smallShift;
            if (l1.Access(key))
            {
                return L1Hit;
            }

            if (_stlbLines is { } lines)
            {
                if (lines.Access(key))
                {
                    return StlbHit;
                }
            }
            else if (_stlb is { } stlb && stlb.Access(key))
            {
                return StlbHit;
            }

            if (write)
            {
                DtlbStoreMisses++;
            }
            else
            {
                DtlbLoadMisses++;
            }

            return Walk;
        }

        return AccessOther(address, kind, huge);
    }

    /// <summary>An instruction fetch, an access to a huge page, or any access with <c>tlb off</c>.</summary>
    private int AccessOther(ulong address, AccessKind kind, bool huge)
    {
        CountAccess(kind);

        if (_data4K is null)
        {
            return L1Hit;
        }

        if (huge && _giant is not null && kind != AccessKind.Exec && _giant.Contains(address >> GiantShift))
        {
            return AccessGiant(address, kind);
        }

        var l1 = kind == AccessKind.Exec ? (huge ? _inst2M : _inst4K)! : huge ? _data2M! : _data4K;
        var key = address >> (huge ? _hugeShift : _smallShift);
        if (l1.Access(key))
        {
            return L1Hit;
        }

        if (_stlbLines is not null ? _stlbLines.Access(huge ? key | HugeTag : key) : _stlb is not null && _stlb.Access(huge ? key | HugeTag : key))
        {
            return StlbHit;
        }

        CountMiss(kind);
        return huge ? HugeWalk : Walk;
    }

    /// <summary>The access a page fault retries: counted as an access that walked, its entry left in the TLBs.</summary>
    public void Fill(ulong address, AccessKind kind, bool huge)
    {
        CountAccess(kind);

        if (_data4K is null)
        {
            return;
        }

        CountMiss(kind);
        if (huge && _giant is not null && kind != AccessKind.Exec && _giant.Contains(address >> GiantShift))
        {
            _data1G!.Fill(address >> GiantShift);
            _stlb1G?.Fill(address >> GiantShift);
            return;
        }

        var l1 = kind == AccessKind.Exec ? (huge ? _inst2M : _inst4K)! : huge ? _data2M! : _data4K;
        var key = address >> (huge ? _hugeShift : _smallShift);
        l1.Fill(key);
        _stlb?.Fill(huge ? key | HugeTag : key);
        _stlbLines?.Fill(huge ? key | HugeTag : key);
    }

    /// <summary>log2 of a 1 GiB page.</summary>
    private const int GiantShift = 30;

    /// <summary>The kernel mapped a 1 GiB page at <paramref name="address"/>: its translations are 1 GiB entries.</summary>
    public void MapGiant(ulong address) => (_giant ??= []).Add(address >> GiantShift);

    /// <summary>The 1 GiB page at <paramref name="address"/> was unmapped: its entry goes (INVLPG).</summary>
    public void UnmapGiant(ulong address)
    {
        _giant?.Remove(address >> GiantShift);
        _data1G?.Invalidate(address >> GiantShift);
        _stlb1G?.Invalidate(address >> GiantShift);
    }

    /// <summary>A data access to a 1 GiB page: the 1 GiB L1 entries, then the STLB's 1 GiB array, then a walk to the PUD.</summary>
    private int AccessGiant(ulong address, AccessKind kind)
    {
        var key = address >> GiantShift;
        if (_data1G!.Access(key))
        {
            return L1Hit;
        }

        if (_stlb1G is not null && _stlb1G.Access(key))
        {
            return StlbHit;
        }

        CountMiss(kind);
        return GiantWalk;
    }

    /// <summary>INVLPG of one address: the 4 KiB and 2 MiB entries that may translate it, at every level.</summary>
    public void Invalidate(ulong address)
    {
        if (_data4K is null)
        {
            return;
        }

        var small = address >> _smallShift;
        var huge = address >> _hugeShift;
        _data4K.Invalidate(small);
        _data2M!.Invalidate(huge);
        _inst4K!.Invalidate(small);
        _inst2M!.Invalidate(huge);
        _stlb?.Invalidate(small);
        _stlb?.Invalidate(huge | HugeTag);
        _stlbLines?.Invalidate(small);
        _stlbLines?.Invalidate(huge | HugeTag);
        _data1G?.Invalidate(address >> GiantShift);
        _stlb1G?.Invalidate(address >> GiantShift);
    }

    /// <summary>A full flush of this address space's entries.</summary>
    public void Flush()
    {
        _data4K?.Flush();
        _data2M?.Flush();
        _inst4K?.Flush();
        _inst2M?.Flush();
        _stlb?.Flush();
        _stlbLines?.Flush();
        _data1G?.Flush();
        _stlb1G?.Flush();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountAccess(AccessKind kind)
    {
        if (kind == AccessKind.Write)
        {
            DtlbStores++;
        }
        else if (kind == AccessKind.Exec)
        {
            ItlbLoads++;
        }
        else
        {
            DtlbLoads++;
        }
    }

    private void CountMiss(AccessKind kind)
    {
        if (kind == AccessKind.Write)
        {
            DtlbStoreMisses++;
        }
        else if (kind == AccessKind.Exec)
        {
            ItlbLoadMisses++;
        }
        else
        {
            DtlbLoadMisses++;
        }
    }
}
