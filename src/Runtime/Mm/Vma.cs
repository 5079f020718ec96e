namespace MemScript.Runtime.Mm;

/// <summary>
/// A virtual memory area (vm_area_struct): a page-aligned range [Start, End)
/// with one protection, one backing and one advice. <see cref="PageOffset"/> is
/// the object page mapped at <see cref="Start"/>. <see cref="Accounted"/> says
/// the VMA's pages are charged to Committed_AS (private writable, not
/// noreserve; shared memory is charged on its object instead). <see cref="Locked"/>
/// is VM_LOCKED. A file mapping merges only with a piece of the same mapping
/// (the same struct file).
/// <see cref="HasAnonVma"/> is vma->anon_vma: set by the first fault that
/// puts an anonymous page in a private VMA (a write; the zero page does not),
/// kept by splits, merges and fork; fork copies the page table of such a VMA.
/// </summary>
internal sealed class Vma
{
    public ulong Start;
    public ulong End;
    public bool Read;
    public bool Write;
    public bool Exec;
    public bool Shared;
    public bool NoReserve;
    public bool Accounted;
    /// <summary>VM_LOCKED (mlock): its pages are resident and unevictable; not inherited by fork.</summary>
    public bool Locked;
    public MapKind Kind;
    public VmaRole Role;
    public Advice Advice;
    public MemObject? Object;
    public ulong PageOffset;
    public bool HasAnonVma;
    /// <summary>VM_HUGEPAGE (madvise hugepage): transparent huge pages under <c>thp madvise</c>.</summary>
    public bool HugePage;
    /// <summary>VM_NOHUGEPAGE (madvise nohugepage): never a transparent huge page.</summary>
    public bool NoHugePage;
    /// <summary>VM_HUGETLB: a hugetlbfs mapping (MAP_HUGETLB, SHM_HUGETLB), its pages from the pool.</summary>
    public bool Hugetlb;
    /// <summary>HPAGE_RESV_OWNER: the private hugetlb mapping whose mmap made the reservations (not its fork children).</summary>
    public bool HugetlbOwner;
    /// <summary>HPAGE_RESV_UNMAPPED: the owner took a page back from this child's mapping on a COW it could not serve; a fault here is SIGBUS.</summary>
    public bool HugetlbUnmapped;
    /// <summary>A MAP_HUGE_1GB mapping: its pages are 1 GiB ones, each mapped by one PUD entry (Kernel.Gigantic.cs).</summary>
    public bool HugetlbGiant;

    /// <summary>The read-ahead state of the mapped file's struct file (file mappings only).</summary>
    public FileRaState? Ra;

    /// <summary>The VMA's own NUMA policy (mbind), which wins over the task's; null when none.</summary>
    public MemPolicy? Policy;

    public ulong Length => End - Start;

    /// <summary>PAGE_SHIFT of the machine (12 for 4 KiB pages).</summary>
    public int PageShift = 12;

    public ulong Pages => (End - Start) >> PageShift;

    /// <summary>VmData: private writable, not the stack.</summary>
    public bool CountsAsData => Write && !Shared && Role != VmaRole.Stack;

    public ulong ObjectPage(ulong va) => PageOffset + ((va - Start) >> PageShift);

    public Vma Clone() => (Vma)MemberwiseClone();

    /// <summary>
    /// vma_merge's test: could <paramref name="next"/>, starting where this ends, be one VMA with it?
    /// Mappings merge with mappings and heap pieces with heap pieces (brk growth, mprotect back).
    /// </summary>
    public bool CanMergeWith(Vma next) =>
        End == next.Start && Role == next.Role && Role is VmaRole.Mmap or VmaRole.Heap &&
        Kind == next.Kind && Read == next.Read && Write == next.Write && Exec == next.Exec &&
        Shared == next.Shared && NoReserve == next.NoReserve && Accounted == next.Accounted && Advice == next.Advice && Locked == next.Locked &&
        HugePage == next.HugePage && NoHugePage == next.NoHugePage && Hugetlb == next.Hugetlb && HugetlbGiant == next.HugetlbGiant && Nullable.Equals(Policy, next.Policy) &&
        (Kind == MapKind.AnonPrivate
            || (Kind == MapKind.File && ReferenceEquals(Object, next.Object) && ReferenceEquals(Ra, next.Ra)
            && PageOffset + Pages == next.PageOffset));
}
