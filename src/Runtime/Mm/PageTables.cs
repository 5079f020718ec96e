namespace MemScript.Runtime.Mm;

/// <summary>
/// One address space's page tables (the walk of memory.c), 4-level on x86-64:
/// <code>
/// va: [47..39 PGD][38..30 PUD][29..21 PMD][20..12 PTE][11..0 offset]
/// </code>
/// and as <see cref="PageGeometry"/> gives them for the other granules and i386.
/// The PGD exists for the life of the mm. PUD, PMD and PTE tables are created
/// at the first fault below them (<see cref="GetOrCreateLeaf"/>) and freed
/// by <see cref="FreeUnused"/>, which munmap and exit call with "is any
/// VMA still inside this table's span?" (free_pgtables), and one PTE table at
/// a time by <see cref="FreeLeaf"/>, which madvise dontneed calls for a table
/// it emptied whole (mm/pt_reclaim.c); the tables above it stay. When page tables are charged every table
/// takes a frame from RAM; VmPTE counts PUD + PMD + PTE tables.
/// <see cref="FindLeaf"/> keeps the last PTE tables it found in a small
/// direct-mapped cache (64 entries by 2 MiB key, like a paging-structure
/// cache), emptied whenever a table is freed: the reverse map and random
/// accesses find a table in three reads instead of a four-level walk. The
/// cache and the upper tables' host arrays are allocated as they are first
/// needed (<see cref="PageTableNode"/>): a small process costs a few hundred
/// bytes of tables on the host plus 4 KiB per PTE table, as the kernel's.
/// </summary>
internal sealed class PageTables
{
    private readonly int[] _shifts;
    private readonly int[] _entries;
    private readonly int _pteLevel;
    private readonly int _leafShift;
    private readonly FrameTable _frames;
    private readonly bool _charged;
    private readonly int _owner;
    private readonly long[] _tablesByLevel;
    private const int LeafCacheSize = 64;
    private ulong[]? _leafCacheKeys;   // key + 1; 0 = empty; allocated at the first FindLeaf
    private ulong[]?[]? _leafCache;
    private PageTableNode? _pgd;

    public PageTables(FrameTable frames, bool charged, int owner, PageGeometry geometry)
    {
        _shifts = geometry.Shifts;
        _entries = geometry.Entries;
        _pteLevel = geometry.PteLevel;
        _leafShift = geometry.LeafShift;
        _tablesByLevel = new long[geometry.Levels];
        _frames = frames;
        _charged = charged;
        _owner = owner;
        _pgd = NewNode(0);
        for (var i = 0; i < geometry.PreallocatedPmds; i++)
        {
            _pgd.SetChild(i, NewNode(1));
        }
    }

    /// <summary>The tables below the top level, PUD + PMD + PTE on x86-64 (VmPTE, the OOM badness).</summary>
    public long CountedTables
    {
        get
        {
            long sum = 0;
            for (var level = 1; level < _tablesByLevel.Length; level++)
            {
                sum += _tablesByLevel[level];
            }

            return sum;
        }
    }

    /// <summary>PTE tables only.</summary>
    public long PteTables => _tablesByLevel[_pteLevel];

    /// <summary>Every table including the PGD.</summary>
    public long AllTables => CountedTables + _tablesByLevel[0];

    /// <summary>Charged frames held by these tables.</summary>
    public long ChargedFrames => _charged ? AllTables : 0;

    public ulong[]? FindLeaf(ulong va)
    {
        var key = va >> _leafShift;
        var slot = (int)(key & (LeafCacheSize - 1));
        var keys = _leafCacheKeys ??= new ulong[LeafCacheSize];
        var cache = _leafCache ??= new ulong[]?[LeafCacheSize];
        if (keys[slot] == key + 1)
        {
            return cache[slot];
        }

        var leaf = WalkToLeaf(va);
        if (leaf is not null)
        {
            keys[slot] = key + 1;
            cache[slot] = leaf;
        }

        return leaf;
    }

    private ulong[]? WalkToLeaf(ulong va)
    {
        var node = _pgd;
        for (var level = 0; level < _pteLevel && node is not null; level++)
        {
            node = node.Child(Index(va, level));
        }

        return node?.Ptes;
    }

    /// <summary>How many tables (PUD, PMD, PTE) a fault at <paramref name="va"/> would create.</summary>
    public int MissingTables(ulong va)
    {
        var node = _pgd;
        for (var level = 0; level < _pteLevel; level++)
        {
            node = node?.Child(Index(va, level));
            if (node is null)
            {
                return _pteLevel - level;
            }
        }

        return 0;
    }

    public ulong[] GetOrCreateLeaf(ulong va)
    {
        var node = _pgd ?? throw new InvalidOperationException("address space has exited");
        for (var level = 0; level < _pteLevel; level++)
        {
            var index = Index(va, level);
            var child = node.Child(index);
            if (child is null)
            {
                child = NewNode(level + 1);
                node.SetChild(index, child);
            }

            node = child;
        }

        return node.Ptes!;
    }

    /// <summary>How many tables a PUD-level (1 GiB) mapping at <paramref name="va"/> would create: the PUD table when it is missing (none below it).</summary>
    public int MissingGiantTables(ulong va) => Math.Max(0, MissingTables(va) - 2);

    /// <summary>
    /// A PUD-level (1 GiB) mapping at <paramref name="va"/> (1 GiB-aligned, nothing mapped
    /// there): the tables down to the PUD are made as for any fault; below the PUD entry a
    /// PMD table and its PTE tables stand for the entry itself, since the access path reads
    /// PTEs. They take no frame and no table count (VmPTE and PageTables do not see them),
    /// as the kernel allocates no PMD or PTE table under a huge PUD. Their PTE arrays are
    /// added to <paramref name="leaves"/> in address order.
    /// </summary>
    public void MapGiant(ulong va, List<ulong[]> leaves)
    {
        var node = _pgd ?? throw new InvalidOperationException("address space has exited");
        for (var level = 0; level < _pteLevel - 2; level++)
        {
            var index = Index(va, level);
            var child = node.Child(index);
            if (child is null)
            {
                child = NewNode(level + 1);
                node.SetChild(index, child);
            }

            node = child;
        }

        var pmd = new PageTableNode(_pteLevel - 1, -1, _entries[_pteLevel - 1], leaf: false) { Shadow = true };
        node.SetChild(Index(va, _pteLevel - 2), pmd);
        for (var i = 0; i < _entries[_pteLevel - 1]; i++)
        {
            var leaf = new PageTableNode(_pteLevel, -1, _entries[_pteLevel], leaf: true) { Shadow = true };
            pmd.SetChild(i, leaf);
            leaves.Add(leaf.Ptes!);
        }

        ForgetLeaves();
    }

    /// <summary>The PTE arrays standing for the PUD-level mapping at <paramref name="va"/>, in address order; empty when there is none.</summary>
    public void GiantLeaves(ulong va, List<ulong[]> leaves)
    {
        var node = _pgd;
        for (var level = 0; level < _pteLevel - 1 && node is not null; level++)
        {
            node = node.Child(Index(va, level));
        }

        if (node is not { Shadow: true })
        {
            return;
        }

        for (var i = 0; i < _entries[_pteLevel - 1]; i++)
        {
            leaves.Add(node.Child(i)!.Ptes!);
        }
    }

    /// <summary>The existing PTE tables that intersect [start, end), in address order.</summary>
    public void CollectLeaves(ulong start, ulong end, List<LeafSpan> into)
    {
        if (_pgd is not null && start < end)
        {
            Collect(_pgd, 0, start, end, into);
        }
    }

    /// <summary>Frees the tables intersecting [start, end) whose span [a, b) no VMA uses any more.</summary>
    public void FreeUnused(ulong start, ulong end, Func<ulong, ulong, bool> spanInUse)
    {
        if (_pgd is not null && start < end)
        {
            FreeBelow(_pgd, 0, start, end, spanInUse);
        }
    }

    /// <summary>Frees the PTE table that maps the PMD span (2 MiB on x86-64) containing <paramref name="va"/>, if there is one (its entries must be clear).</summary>
    public bool FreeLeaf(ulong va)
    {
        var pmd = _pgd;
        for (var level = 0; level < _pteLevel - 1 && pmd is not null; level++)
        {
            pmd = pmd.Child(Index(va, level));
        }

        var index = Index(va, _pteLevel - 1);
        if (pmd?.Child(index) is not { } leaf || leaf.Shadow)
        {
            return false;   // a table standing for a 1 GiB mapping's PUD entry goes with the mapping
        }

        Release(leaf);
        pmd.SetChild(index, null);
        ForgetLeaves();
        return true;
    }

    /// <summary>exit_mmap: frees every table, the PGD included.</summary>
    public void FreeAll()
    {
        if (_pgd is null)
        {
            return;
        }

        FreeBelow(_pgd, 0, 0, ulong.MaxValue, static (_, _) => false);
        ForgetLeaves();
        Release(_pgd);
        _pgd = null;
    }

    private void Collect(PageTableNode node, ulong baseVa, ulong start, ulong end, List<LeafSpan> into)
    {
        var shift = _shifts[node.Level];
        var span = 1UL << shift;
        var first = start <= baseVa ? 0 : (int)((start - baseVa) >> shift);
        for (var i = first; i < _entries[node.Level]; i++)
        {
            var entryVa = baseVa + ((ulong)i << shift);
            if (entryVa >= end)
            {
                break;
            }

            if (node.Level == _pteLevel)
            {
                var entries = _entries[_pteLevel];
                var last = end - baseVa >= ((ulong)entries << shift) ? entries : (int)((end - baseVa + span - 1) >> shift);
                into.Add(new LeafSpan(node.Ptes!, baseVa, i, last));
                return;
            }

            var child = node.Child(i);
            if (child is not null)
            {
                Collect(child, entryVa, Math.Max(start, entryVa), Math.Min(end, entryVa + span), into);
            }
        }
    }

    private void FreeBelow(PageTableNode node, ulong baseVa, ulong start, ulong end, Func<ulong, ulong, bool> spanInUse)
    {
        var shift = _shifts[node.Level];
        var span = 1UL << shift;
        var first = start <= baseVa ? 0 : (int)((start - baseVa) >> shift);
        for (var i = first; i < _entries[node.Level]; i++)
        {
            var entryVa = baseVa + ((ulong)i << shift);
            if (entryVa >= end)
            {
                break;
            }

            var child = node.Child(i);
            if (child is null)
            {
                continue;
            }

            if (child.Level < _pteLevel)
            {
                FreeBelow(child, entryVa, Math.Max(start, entryVa), Math.Min(end, entryVa + span), spanInUse);
            }

            if (!spanInUse(entryVa, entryVa + span))
            {
                Release(child);
                node.SetChild(i, null);
                ForgetLeaves();
            }
        }
    }

    private void ForgetLeaves()
    {
        if (_leafCacheKeys is not null)
        {
            Array.Clear(_leafCacheKeys);
            Array.Clear(_leafCache!);
        }
    }

    private int Index(ulong va, int level) => (int)(va >> _shifts[level]) & (_entries[level] - 1);

    private PageTableNode NewNode(int level)
    {
        var frame = _charged ? _frames.Allocate(FrameKind.PageTable, _owner, level) : -1;
        _tablesByLevel[level]++;
        return new PageTableNode(level, frame, _entries[level], level == _pteLevel);
    }

    private void Release(PageTableNode node)
    {
        if (node.Children is not null)
        {
            foreach (var child in node.Children)
            {
                if (child is not null)
                {
                    Release(child);
                }
            }
        }

        if (node.Frame >= 0)
        {
            _frames.Free(node.Frame);
        }

        if (!node.Shadow)
        {
            _tablesByLevel[node.Level]--;
        }
    }
}
