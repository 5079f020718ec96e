namespace MemScript.Runtime.Mm;

/// <summary>
/// The PTE tables of one region of one address space, by table, for the
/// textbook write path (<see cref="Kernel.FastWrite"/>): a random access
/// over many tables would otherwise walk the page tables on nearly every
/// access (the address space caches only the last table). Filled as tables
/// are found; it lives for one access statement, during which only that
/// statement's process changes its tables, and none are freed (no munmap,
/// no huge-page collapse on a textbook machine). Regions of more than
/// <see cref="MaxTables"/> tables get none.
/// </summary>
internal sealed class LeafCache
{
    public const long MaxTables = 1 << 16;

    private readonly ulong[]?[] _leaves;
    private readonly ulong _firstKey;

    private LeafCache(ulong firstKey, long tables)
    {
        _firstKey = firstKey;
        _leaves = new ulong[]?[tables];
    }

    /// <summary>A cache for the tables of [<paramref name="start"/>, <paramref name="end"/>), or null when there are too many.</summary>
    public static LeafCache? For(ulong start, ulong end, int leafShift)
    {
        var first = start >> leafShift;
        var tables = (long)(((end - 1) >> leafShift) - first + 1);
        return end > start && tables <= MaxTables ? new LeafCache(first, tables) : null;
    }

    /// <summary>The table of <paramref name="key"/> (an address shifted by the leaf shift), from the cache or <paramref name="tables"/>; null when it has none yet.</summary>
    public ulong[]? Find(PageTables tables, ulong key, ulong va)
    {
        var i = key - _firstKey;
        if (i >= (ulong)_leaves.Length)
        {
            return tables.FindLeaf(va);
        }

        return _leaves[i] ??= tables.FindLeaf(va);
    }

    /// <summary>The table of <paramref name="key"/> if the cache holds it already; never walks.</summary>
    public ulong[]? Peek(ulong key)
    {
        var i = key - _firstKey;
        return i < (ulong)_leaves.Length ? _leaves[i] : null;
    }
}
