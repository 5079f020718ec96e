namespace MemScript.Runtime.Mm;

/// <summary>
/// The hugetlbfs inode behind a shared MAP_HUGETLB mapping or an SHM_HUGETLB
/// segment: its huge pages by index (head frame, -1 before the first fault)
/// and the reservations made when it was set up (resv_map of the inode),
/// each consumed by the page's first fault.
/// </summary>
internal sealed class HugetlbFile
{
    public HugetlbFile(long pages)
    {
        Pages = new int[pages];
        Array.Fill(Pages, -1);
        Reserved = new bool[pages];
        Array.Fill(Reserved, true);
    }

    public int[] Pages { get; }

    public bool[] Reserved { get; }
}
