namespace MemScript.Runtime;

/// <summary>
/// What an <c>at</c> block (generated code) can do: LANGUAGE.md section 6.
/// Everything runs at once, at the block's simulated time.
/// </summary>
public abstract class Events
{
    /// <summary>The kernel pins <paramref name="bytes"/> more memory.</summary>
    public abstract void Pressure(Site site, ulong bytes);

    public abstract void Release(Site site, ulong bytes);

    public abstract void DropCaches(Site site);

    /// <summary><c>drop_caches 1|2|3</c>: the page cache, the dentry and inode caches, or both.</summary>
    public abstract void DropCaches(Site site, int mode);

    /// <summary><c>kmalloc SIZE count N</c>: a driver takes N objects of the kmalloc cache for SIZE.</summary>
    public abstract void Kmalloc(Site site, ulong size, long count);

    /// <summary><c>kfree SIZE count N</c>: the driver gives back up to N of them.</summary>
    public abstract void Kfree(Site site, ulong size, long count);

    /// <summary><c>sysctl vm.NAME = VALUE</c>; names checked by the compiler.</summary>
    public abstract void Sysctl(Site site, string name, long value);

    public abstract void Kill(Site site, string process);

    public abstract void OomScoreAdj(Site site, string process, int value);

    public abstract void Note(Site site, string text);

    public abstract void Expect(Site site, Expectation expectation);

    /// <summary>A report statement; <paramref name="process"/> null means every process where that makes sense.</summary>
    public abstract void Report(Site site, ReportKind kind, string? process);
}
