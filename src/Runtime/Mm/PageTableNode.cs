namespace MemScript.Runtime.Mm;

/// <summary>
/// One page-table page: <see cref="PageGeometry.Entries"/> entries at its level (512 on x86-64). Upper levels (PGD, PUD, PMD) hold
/// child tables; the PTE level holds <see cref="Pte"/> words. <see cref="Frame"/>
/// is the RAM frame the table occupies when page tables are charged (-1 otherwise).
/// The simulated table is 512 entries, but an upper level's host array only
/// reaches its highest used entry (grown by doubling, at most 512): a process
/// with one mapping low and its stack high holds a few hundred bytes of upper
/// tables, not 4 KiB each. Entries past the array are empty. Only walks read
/// it (the access path finds its PTE table in the mm's cache first).
/// </summary>
internal sealed class PageTableNode
{
    private static readonly PageTableNode?[] NoChildren = [];
    private readonly int _entries;

    public PageTableNode(int level, int frame, int entries, bool leaf)
    {
        Level = level;
        Frame = frame;
        _entries = entries;
        if (leaf)
        {
            Ptes = new ulong[entries];
        }
        else
        {
            Children = NoChildren;
        }
    }

    /// <summary>0 = PGD, then down to the PTE level (3 with four levels).</summary>
    public int Level { get; }

    public int Frame { get; }

    /// <summary>A table that stands for a PUD-level (1 GiB) mapping's entry: no frame, left out of the table counts (PageTables.MapGiant).</summary>
    public bool Shadow { get; init; }

    public ulong[]? Ptes { get; }

    /// <summary>The upper level's entries up to its highest used one (empty at first); index with <see cref="Child"/>.</summary>
    public PageTableNode?[]? Children { get; private set; }

    public PageTableNode? Child(int index)
    {
        var children = Children!;
        return (uint)index < (uint)children.Length ? children[index] : null;
    }

    public void SetChild(int index, PageTableNode? child)
    {
        var children = Children!;
        if (index >= children.Length)
        {
            if (child is null)
            {
                return;
            }

            var length = Math.Max(4, children.Length);
            while (length <= index)
            {
                length *= 2;
            }

            Array.Resize(ref children, Math.Min(_entries, length));
            Children = children;
        }

        children[index] = child;
    }
}
