using System.Globalization;

namespace MemScript.Runtime.Mm;

/// <summary>
/// What /proc shows, computed from the counters (MODEL.md section 5), and the
/// self-checks of section 10. Simplifications, documented here: MemTotal is
/// the whole RAM (the `kernel` reservation shows as used memory, not as a
/// smaller total); Active and Inactive are the LRU lists (the policy moves
/// pages between them); MemAvailable is si_mem_available:
/// free - high watermark + file LRU pages - min(file LRU / 2, low watermark)
/// + SReclaimable - min(SReclaimable / 2, low watermark);
/// SwapCached counts anonymous pages in the swap cache; PageTables counts
/// table frames only when page tables are charged.
/// </summary>
internal sealed partial class Kernel
{
    public ProcStatus Status(int mm)
    {
        var m = _mms[mm];
        ulong stack = 0;
        foreach (var vma in m.Vmas)
        {
            if (vma.Role == VmaRole.Stack)
            {
                stack += vma.Length;
            }
        }

        return new ProcStatus(
            VmSize: m.VmSize(),
            VmLck: m.LockedBytes(),
            VmRss: (ulong)m.RssPages * PageSize,
            RssAnon: (ulong)m.RssAnon * PageSize,
            RssFile: (ulong)m.RssFile * PageSize,
            RssShmem: (ulong)m.RssShmem * PageSize,
            VmSwap: (ulong)m.SwapEnts * PageSize,
            VmPte: (ulong)(m.Tables.CountedTables - HugetlbTables(m)) * PageSize,
            VmData: m.VmData(),
            VmStk: stack,
            MinFlt: m.MinFlt,
            MajFlt: m.MajFlt,
            PageTablePages: m.Tables.CountedTables)
        {
            Tlb = TlbCountersOf(mm),
            HugetlbPages = (ulong)m.HugetlbPages * PageSize,
        };
    }

    /// <summary>What a statement's timeline row needs of <see cref="Status"/>: the fault counts and VmRSS, without walking the VMAs.</summary>
    public (long MinFlt, long MajFlt, ulong Rss) FaultsAndRss(int mm)
    {
        var m = _mms[mm];
        return (m.MinFlt, m.MajFlt, (ulong)m.RssPages * PageSize);
    }

    /// <summary>/proc/PID/maps, one entry per VMA in address order.</summary>
    public IReadOnlyList<VmaInfo> Maps(int mm)
    {
        var m = _mms[mm];
        var lines = new List<VmaInfo>(m.Vmas.Count);
        foreach (var vma in m.Vmas)
        {
            var perms = string.Concat(vma.Read ? "r" : "-", vma.Write ? "w" : "-", vma.Exec ? "x" : "-", vma.Shared ? "s" : "p");
            var (device, inode, path) = vma.Role switch
            {
                VmaRole.Text or VmaRole.Data => ("00:00", 0UL, m.Command),
                VmaRole.Heap => ("00:00", 0UL, "[heap]"),
                VmaRole.Stack => ("00:00", 0UL, "[stack]"),
                _ => vma.Kind switch
                {
                    MapKind.File => ("08:01", 1000UL + (ulong)vma.Object!.Id, vma.Object.Name),
                    MapKind.AnonShared => ("00:01", 1000UL + (ulong)vma.Object!.Id, vma.Object.Name),
                    MapKind.SysVShm => ("00:01", (ulong)vma.Object!.Id, vma.Object.Name),
                    _ => ("00:00", 0UL, ""),
                },
            };
            var offset = vma.Kind == MapKind.AnonPrivate ? 0 : vma.PageOffset * PageSize;
            lines.Add(new VmaInfo(vma.Start, vma.End, perms, offset, device, inode, path));
        }

        return lines;
    }

    public long Vmstat(VmCounter counter) => _vmstat[(int)counter];

    /// <summary>A meminfo field in bytes.</summary>
    public long Meminfo(MeminfoField field)
    {
        var page = (long)PageSize;
        var anon = _frames.Count(FrameKind.Anon);
        var file = _frames.Count(FrameKind.File);
        var shmem = _frames.Count(FrameKind.Shmem);
        long pages = field switch
        {
            MeminfoField.MemTotal => _ramPages - _giganticFrames,
            MeminfoField.MemFree => _frames.FreeFrames,
            MeminfoField.MemAvailable => MemAvailablePages(),
            MeminfoField.SwapCached => _swap.CachedPages,
            MeminfoField.SwapFree => _swap.FreeSlots,
            MeminfoField.Cached => file + shmem,
            MeminfoField.Active => Lru(LruList.ActiveAnon) + Lru(LruList.ActiveFile),
            MeminfoField.Inactive => Lru(LruList.InactiveAnon) + Lru(LruList.InactiveFile),
            MeminfoField.Active_anon => Lru(LruList.ActiveAnon),
            MeminfoField.Inactive_anon => Lru(LruList.InactiveAnon),
            MeminfoField.Active_file => Lru(LruList.ActiveFile),
            MeminfoField.Inactive_file => Lru(LruList.InactiveFile),
            MeminfoField.Unevictable => Lru(LruList.Unevictable),
            MeminfoField.Mlocked => _mlockedPages,
            MeminfoField.HighTotal => HighmemPages(free: false),
            MeminfoField.HighFree => HighmemPages(free: true),
            MeminfoField.LowTotal => _ramPages - HighmemPages(free: false),
            MeminfoField.LowFree => _frames.FreeFrames - HighmemPages(free: true),
            MeminfoField.SwapTotal => _swap.TotalSlots,
            MeminfoField.Dirty => _cache.DirtyPages,
            MeminfoField.AnonPages => anon,
            MeminfoField.Mapped => _mappedCachePages,
            MeminfoField.Shmem => shmem,
            MeminfoField.KReclaimable or MeminfoField.SReclaimable => _slab.Pages(reclaimable: true),
            MeminfoField.Slab => _slab.Pages(reclaimable: true) + _slab.Pages(reclaimable: false),
            MeminfoField.SUnreclaim => _slab.Pages(reclaimable: false),
            MeminfoField.PageTables => _frames.Count(FrameKind.PageTable) - HugetlbChargedTables,
            MeminfoField.CommitLimit => _commit.CommitLimitPages,
            MeminfoField.Committed_AS => _commit.CommittedPages,
            MeminfoField.AnonHugePages => AnonHugePmdPages,
            MeminfoField.HugePages_Total => HugetlbTotal,
            MeminfoField.HugePages_Free => HugetlbFree,
            MeminfoField.HugePages_Rsvd => HugetlbReserved,
            MeminfoField.HugePages_Surp => HugetlbSurplus,
            MeminfoField.Hugepagesize => (long)(Machine.DefaultHugetlbPageSize / PageSize),   // the default hstate (HPAGE_SIZE), whatever size the boot pool has
            MeminfoField.Hugetlb => (HugetlbTotal * HugetlbFrames) + _giganticFrames,   // every hstate
            _ => 0,
        };
        return field is MeminfoField.HugePages_Total or MeminfoField.HugePages_Free or MeminfoField.HugePages_Rsvd or MeminfoField.HugePages_Surp
            ? pages
            : pages * page;
    }

    private long Lru(LruList list) => _frames.Lru.Count(list);

    private long MemAvailablePages()
    {
        var pagecache = Lru(LruList.ActiveFile) + Lru(LruList.InactiveFile);
        var available = _frames.FreeFrames - _totalReserve + pagecache - Math.Min(pagecache / 2, _lowSum);
        var reclaimable = _slab.Pages(reclaimable: true);   // SReclaimable, half of it at most kept back as for the page cache
        available += reclaimable - Math.Min(reclaimable / 2, _lowSum);
        return Math.Max(0, available);
    }

    /// <summary>MODEL.md section 10: frames conserved, content stamps intact.</summary>
    public IReadOnlyList<SelfCheck> SelfCheck()
    {
        return [CheckFrames(), CheckStamps()];
    }

    private SelfCheck CheckFrames()
    {
        var recount = _frames.Recount();
        long sum = 0;
        var problems = new List<string>();
        foreach (var kind in Enum.GetValues<FrameKind>())
        {
            sum += recount[(int)kind];
            if (recount[(int)kind] != _frames.Count(kind))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{kind} counted {_frames.Count(kind)}, found {recount[(int)kind]}"));
            }
        }

        if (sum != _frames.TotalFrames)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"frames sum to {sum}, RAM has {_frames.TotalFrames}"));
        }

        long tables = 0;
        foreach (var m in _mms)
        {
            tables += m.Tables.ChargedFrames;
        }

        if (tables != _frames.Count(FrameKind.PageTable))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"page tables hold {tables} frames, frame table says {_frames.Count(FrameKind.PageTable)}"));
        }

        VerifyMappings(problems);
        var onLru = Lru(LruList.InactiveAnon) + Lru(LruList.ActiveAnon) + Lru(LruList.InactiveFile) + Lru(LruList.ActiveFile)
            + Lru(LruList.Unevictable);
        var lruKinds = recount[(int)FrameKind.Anon] + recount[(int)FrameKind.File] + recount[(int)FrameKind.Shmem];
        if (onLru != lruKinds)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"LRU lists hold {onLru} pages, anon + page cache is {lruKinds}"));
        }

        if (_numa)
        {
            VerifyNodeLists(problems);
        }

        if (_mlockedPages != Lru(LruList.Unevictable))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{_mlockedPages} mlocked pages, the unevictable list holds {Lru(LruList.Unevictable)}"));
        }

        var detail = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"free {recount[(int)FrameKind.Free]} + anon {recount[(int)FrameKind.Anon]} + page cache {recount[(int)FrameKind.File] + recount[(int)FrameKind.Shmem]} + page tables {recount[(int)FrameKind.PageTable]} + kernel {recount[(int)FrameKind.Kernel]} = {sum} frames")
            : string.Join("; ", problems);
        return new SelfCheck("frames conserved", problems.Count == 0, detail) { Differed = problems };
    }

    private SelfCheck CheckStamps() => _stampErrors == 0
        ? new SelfCheck("content stamps intact", true, null)
        : new SelfCheck("content stamps intact", false,
            string.Create(CultureInfo.InvariantCulture, $"{_stampErrors} read(s) found another stamp; first: {_firstStampError}"))
        {
            Differed = [_firstStampError ?? ""],
        };
}
