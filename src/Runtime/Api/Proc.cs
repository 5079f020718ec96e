namespace MemScript.Runtime;

/// <summary>
/// What a process body (generated code) sees of its process: one method per
/// statement of LANGUAGE.md section 4.2. Methods that return a value or
/// <c>void</c> run at once, advancing the simulated clock by their cost; the
/// body then yields <see cref="Op.Next"/>. Methods that return an
/// <see cref="Op"/> are run by the scheduler, which may cut them between two
/// page accesses; the body yields that op. Every method takes the
/// <see cref="Site"/> of its statement for the report.
/// </summary>
public abstract class Proc
{
    /// <summary>The predefined region <c>heap</c>: start of the heap to the current break.</summary>
    public abstract Region Heap { get; }

    /// <summary>The predefined region <c>stack</c>: top of the stack downwards, as long as the stack limit.</summary>
    public abstract Region Stack { get; }

    public abstract Region Text { get; }

    public abstract Region Data { get; }

    /// <summary><c>NAME[A..B]</c>: null bounds mean the region's start or end; checked at run time.</summary>
    public abstract Region Slice(Site site, Region region, ulong? from, ulong? to);

    public abstract Region Malloc(Site site, ulong size);

    public abstract Region Calloc(Site site, ulong size);

    public abstract Region Realloc(Site site, Region region, ulong size);

    public abstract void Free(Site site, Region region);

    /// <summary>Anonymous mmap; flags default to private rw when no protection flag is given.</summary>
    public abstract Region Mmap(Site site, ulong size, MmapFlags flags);

    /// <summary>File mmap; default private read of the whole file.</summary>
    public abstract Region MmapFile(Site site, string file, MmapFlags flags, ulong? offset, ulong? size);

    public abstract void Munmap(Site site, Region region);

    public abstract void Mprotect(Site site, Region region, Protection protection);

    public abstract void Madvise(Site site, Region region, Advice advice);

    /// <summary>mlock(2): faults the range in and keeps it resident (unevictable).</summary>
    public abstract void Mlock(Site site, Region region);

    public abstract void Munlock(Site site, Region region);

    /// <summary>mbind(2): a NUMA policy for the VMAs of the region (page-aligned outward, as mlock).</summary>
    public abstract void Mbind(Site site, Region region, MemPolicy policy);

    /// <summary><c>brk +SIZE</c> (positive) or <c>brk -SIZE</c> (negative).</summary>
    public abstract void Brk(Site site, long delta);

    public abstract Region ShmAt(Site site, string key, bool readOnly);

    public abstract Region ShmGet(Site site, string key, ulong size);

    /// <summary><c>shmget "KEY" SIZE huge</c>: a SHM_HUGETLB segment, its pages from the hugetlb pool.</summary>
    public abstract Region ShmGet(Site site, string key, ulong size, bool huge);

    public abstract void ShmDt(Site site, Region region);

    public abstract void ShmRm(Site site, string key);

    /// <summary><c>read</c>, <c>write</c>, <c>exec</c>; <c>touch</c> is a sequential write.</summary>
    public abstract Op Access(Site site, Region region, AccessKind kind, AccessPattern pattern, long times);

    public abstract Op Sleep(Site site, long nanoseconds);

    /// <summary>
    /// Forks a child named <paramref name="name"/>. <paramref name="body"/> is
    /// called at once with the child's <see cref="Proc"/>; the iterator it
    /// returns holds copies of the parent's names taken at the fork.
    /// </summary>
    public abstract void Fork(Site site, string name, ProcessOptions options, Func<Proc, IEnumerable<Op>> body);

    /// <summary>Ends this process and frees its memory; the body ends after it.</summary>
    public abstract void Exit(Site site);

    public abstract void Kill(Site site, string process);

    public abstract void Note(Site site, string text);

    public abstract void Expect(Site site, Expectation expectation);

    /// <summary>A report statement; <paramref name="process"/> null means this process.</summary>
    public abstract void Report(Site site, ReportKind kind, string? process);
}
