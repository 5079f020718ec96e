namespace MemScript.Runtime.Mm;

/// <summary>
/// One 4 KiB page-table page: 512 entries. Upper levels (PGD, PUD, PMD) hold
/// child tables; the PTE level holds <see cref="Pte"/> words. <see cref="Frame"/>
/// is the RAM frame the table occupies when page tables are charged (-1 otherwise).
/// </summary>
internal sealed class PageTableNode
{
    public const int Entries = 512;

    public PageTableNode(int level, int frame)
    {
        Level = level;
        Frame = frame;
        if (level == PageTables.PteLevel)
        {
            Ptes = new ulong[Entries];
        }
        else
        {
            Children = new PageTableNode?[Entries];
        }
    }

    /// <summary>0 = PGD, 1 = PUD, 2 = PMD, 3 = PTE.</summary>
    public int Level { get; }

    public int Frame { get; }

    public ulong[]? Ptes { get; }

    public PageTableNode?[]? Children { get; }
}
