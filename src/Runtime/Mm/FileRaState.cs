namespace MemScript.Runtime.Mm;

/// <summary>
/// A struct file's read-ahead state (file_ra_state, include/linux/fs.h): the
/// last window read, <c>[Start, Start + Size)</c>, whose last
/// <see cref="AsyncSize"/> pages are the look-ahead (the first of them was
/// marked PG_readahead), and <see cref="MmapMiss"/>, the page-cache misses of
/// mmap faults less their hits (read-around stops above MMAP_LOTSAMISS).
/// Each <c>mmap file</c> opens the file anew, so each mapping has its own
/// state; the pieces of a split VMA and a forked child's copy share it, as
/// they share the struct file.
/// </summary>
internal sealed class FileRaState
{
    public long Start;
    public long Size;
    public long AsyncSize;
    public int MmapMiss;
}
